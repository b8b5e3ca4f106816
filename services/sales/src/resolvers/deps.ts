import type { SalesDeps } from '../application/deps';
import type { SalesDocumentDeps } from '../application/documents';
import type { SalesReconciliationStore } from '../store/reconciliation';

/** What the resolvers work with: the use cases' stores and read models, the reconciliation reads and the document store. */
export type ResolverDeps = SalesDeps & { reconciliation: SalesReconciliationStore; docs: SalesDocumentDeps };
