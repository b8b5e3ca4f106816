import type DataLoader from 'dataloader';
import type { Principal } from '../auth/roles';
import type { Logger } from '../log/logger';

/** What every resolver receives. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  logger: Logger;
  /** Per-request DataLoaders, created lazily by `loader()`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one map holds every loader of the request, each with its own key and value types (loader() types each on the way out)
  loaders: Map<string, DataLoader<any, any>>;
}

/** An entity another subgraph owns, as this subgraph holds it: just its key. */
export interface EntityRef {
  id: string;
}
