import type { PostSaleDeps } from '../application/deps';

export type ResolverDeps = PostSaleDeps;
