import type DataLoader from 'dataloader';
import type { Principal } from '../auth/roles';
import type { Logger } from '../log/logger';

/** What every resolver receives. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  logger: Logger;
  /** Per-request DataLoaders, created lazily by `loader()`. */
  loaders: Map<string, DataLoader<any, any>>;
}

/** An entity another subgraph owns, as this subgraph holds it: just its key. */
export interface EntityRef {
  id: string;
}
