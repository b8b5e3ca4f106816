import { authorize, loader, reconciliationScope, reconciliationSection, requiredFacts, type ReconciliationRef, type RequestContext } from '@vinculo/common';
import type { ReconciliationResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import type { RequestFactSource } from '../domain/reconciliation';
import { ordersWithoutSubscription, owedSubscriptions } from '../domain/reconciliation';
import { subscriptionIdFor } from '../application/activation';
import { policy } from '../policy';

/**
 * post-sale's part of the reconciliation report: its facts (subscriptions, work-order needs,
 * charges) and its section, which checks sales' COMPLETED orders against its subscriptions.
 */
export const Reconciliation = ({ reconciliation: store }: ResolverDeps): ReconciliationResolvers => {
  // Work-order needs and charges come from one read of the entered requests per report.
  const entered = async (ctx: RequestContext, r: ReconciliationRef): Promise<RequestFactSource[]> => {
    const rows = await loader<string, RequestFactSource[]>(ctx, 'Reconciliation.enteredRequests', (keys) =>
      Promise.all(keys.map((k) => store.enteredRequests(r.tenantId, new Date(k)))),
    ).load(r.cutoff.toISOString());
    return rows ?? [];
  };
  return {
    __resolveReference: (ref, ctx) => {
      authorize(policy, 'readReconciliation', ctx.principal);
      return reconciliationScope(ref, ctx.principal);
    },
    postsaleSubscriptions: (r) => store.subscriptions(r.tenantId, r.cutoff),
    postsaleWorkOrderNeeds: async (r, _a, ctx) => store.workOrderNeeds(await entered(ctx, r), r.cutoff),
    postsaleCharges: async (r, _a, ctx) => store.charges(await entered(ctx, r), r.cutoff),
    postsale: async (r) => {
      const owed = owedSubscriptions(requiredFacts(r, 'salesCompletedOrders', 'sales'), r.cutoff);
      const idOf = (o: (typeof owed)[number]) => subscriptionIdFor(r.tenantId, o.order.id, o.itemId);
      const [existing, faults] = await Promise.all([store.existingProducts(r.tenantId, owed.map(idOf)), store.faults(r.tenantId)]);
      return reconciliationSection(
        'postsale',
        r.cutoff,
        ordersWithoutSubscription(owed, (o) => existing.has(idOf(o))),
        faults,
      );
    },
  };
};
