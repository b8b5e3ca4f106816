import { authorize, reconciliationScope, reconciliationSection } from '@vinculo/common';
import type { ReconciliationResolvers } from '../__generated__/resolvers-types';
import { policy } from '../policy';
import type { ResolverDeps } from './deps';

/** sales' part of the reconciliation report: its order facts (checked elsewhere) and its own faults. */
export const Reconciliation = ({ reconciliation: store }: ResolverDeps): ReconciliationResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readReconciliation', ctx.principal);
    return reconciliationScope(ref, ctx.principal);
  },
  salesCompletedOrders: (r) => store.completedOrders(r.tenantId, r.cutoff),
  salesPlacedOrders: (r) => store.placedOrders(r.tenantId, r.cutoff),
  sales: async (r) => reconciliationSection('sales', r.cutoff, [], await store.faults(r.tenantId)),
});
