import { runSubgraphMain } from '@vinculo/common';
import { techsupportSubgraph } from './subgraph';

runSubgraphMain(techsupportSubgraph);
