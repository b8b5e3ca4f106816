import { runSubgraphMain } from '@vinculo/common';
import { collectionsSubgraph } from './subgraph';

runSubgraphMain(collectionsSubgraph);
