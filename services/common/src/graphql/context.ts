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
