import { authorize, reconciliationScope, reconciliationSection, requiredFacts } from '@vinculo/common';
import type { ReconciliationResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { customersNotActivated } from '../domain/reconciliation';
import { policy } from '../policy';

/** customers' section of the reconciliation report: COMPLETED orders made their prospects ACTIVE (R-CUS-ST3). */
export const Reconciliation = ({ reconciliation: store }: ResolverDeps): ReconciliationResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readReconciliation', ctx.principal);
    return reconciliationScope(ref, ctx.principal);
  },
  customers: async (r) => {
    const orders = requiredFacts(r, 'salesCompletedOrders', 'sales');
    const [statuses, faults] = await Promise.all([
      store.statusOf(
        r.tenantId,
        orders.flatMap((o) => o.customerId ?? []),
      ),
      store.faults(r.tenantId),
    ]);
    return reconciliationSection(
      'customers',
      r.cutoff,
      customersNotActivated(orders, r.cutoff, (id) => statuses.get(id)),
      faults,
    );
  },
});
