import type { PostsaleDocumentDeps } from './documents';
import type { PostSaleDeps } from '../application/deps';
import type { PostsaleReconciliationStore } from '../store/reconciliation';

export type ResolverDeps = PostSaleDeps & { reconciliation: PostsaleReconciliationStore; docs: PostsaleDocumentDeps };
