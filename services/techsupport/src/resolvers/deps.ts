import type { Deps } from '../application/deps';
import type { TechsupportReconciliationStore } from '../store/reconciliation';

export type ResolverDeps = Deps & { reconciliation: TechsupportReconciliationStore };
