import { runSubgraphMain } from '@vinculo/common';
import { salesSubgraph } from './subgraph';

runSubgraphMain(salesSubgraph);
