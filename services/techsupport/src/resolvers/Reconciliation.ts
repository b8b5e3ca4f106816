import { authorize, reconciliationScope, reconciliationSection, requiredFacts } from '@vinculo/common';
import type { ReconciliationResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { workOrderDiscrepancies } from '../domain/reconciliation';
import { policy } from '../policy';

/**
 * techsupport's part of the reconciliation report: its charges (checked by collections) and its
 * section, which checks that every placed order, relocation and withdrawal has one work order.
 */
export const Reconciliation = ({ reconciliation: store }: ResolverDeps): ReconciliationResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readReconciliation', ctx.principal);
    return reconciliationScope(ref, ctx.principal);
  },
  techsupportCharges: (r) => store.charges(r.tenantId, r.cutoff),
  techsupport: async (r) => {
    const { tenantId, cutoff } = r;
    const placed = requiredFacts(r, 'salesPlacedOrders', 'sales');
    const field = requiredFacts(r, 'postsaleWorkOrderNeeds', 'postsale');
    const [installations, requests, faults] = await Promise.all([
      store.workOrdersFor(
        tenantId,
        'salesOrderId',
        placed.map((f) => f.id),
      ),
      store.workOrdersFor(
        tenantId,
        'requestId',
        field.map((f) => f.id),
      ),
      store.faults(tenantId),
    ]);
    return reconciliationSection(
      'techsupport',
      cutoff,
      [
        ...workOrderDiscrepancies(
          placed.map((fact) => ({ fact, what: 'placed sales order' })),
          cutoff,
          (id) => installations.get(id) ?? [],
        ),
        // A need whose kind names a work-order type (`RELOCATION:INSTALLATION`) counts only work orders of that type.
        ...field.flatMap((fact) => {
          const [kind, type] = (fact.kind ?? 'post-sale').split(':');
          const key = type ? `${fact.id}|${type}` : fact.id;
          return workOrderDiscrepancies([{ fact, what: `${kind!.toLowerCase()} request${type ? ` (${type})` : ''}` }], cutoff, () => requests.get(key) ?? []);
        }),
      ],
      faults,
    );
  },
});
