import { runSubgraphMain } from '@vinculo/common';
import { postsaleSubgraph } from './subgraph';

runSubgraphMain(postsaleSubgraph);
