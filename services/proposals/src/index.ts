import { runSubgraphMain } from '@vinculo/common';
import { proposalsSubgraph } from './subgraph';

runSubgraphMain(proposalsSubgraph);
