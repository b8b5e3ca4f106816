import { runSubgraphMain } from '@vinculo/common';
import { notificationsSubgraph } from './subgraph';

runSubgraphMain(notificationsSubgraph);
