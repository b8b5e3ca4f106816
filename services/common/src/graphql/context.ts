import type { Principal } from '../auth/roles';
import type { Logger } from '../log/logger';

/** What every resolver receives. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  logger: Logger;
  /** Per-request DataLoaders, created lazily by `loader()`. */
  /** Each loader under its name, of its own key and value types (graphql/loaders.ts `loader()` is the one reader and writer). */
  loaders: Map<string, unknown>;
}

/** An entity another subgraph owns, as this subgraph holds it: just its key. */
export interface EntityRef {
  id: string;
}
