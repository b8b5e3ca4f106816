export type { Deps as ResolverDeps } from '../application/deps';
