import { runSubgraphMain } from '@vinculo/common';
import { customersSubgraph } from './subgraph';

runSubgraphMain(customersSubgraph);
