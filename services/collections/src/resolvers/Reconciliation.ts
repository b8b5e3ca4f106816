import { authorize, reconciliationScope, reconciliationSection, requiredFacts } from '@vinculo/common';
import type { ReconciliationResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { orderAccountId } from '../domain/billing-account';
import { billingDiscrepancies, chargeDiscrepancies, ordersWithoutAccount, type RequestedCharge } from '../domain/reconciliation';
import { chargeDocId, type ChargeProducer } from '../store/charge.model';
import { policy } from '../policy';

/**
 * collections' section of the reconciliation report: sales' COMPLETED orders have their accounts,
 * post-sale's subscriptions are billed with the same status (and withdrawn ones have their final
 * bill), every charge post-sale or techsupport requested is stored and billed at most once.
 */
export const Reconciliation = ({ reconciliation: store }: ResolverDeps): ReconciliationResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readReconciliation', ctx.principal);
    return reconciliationScope(ref, ctx.principal);
  },
  collections: async (r) => {
    const { tenantId, cutoff } = r;
    const orders = requiredFacts(r, 'salesCompletedOrders', 'sales');
    const subscriptions = requiredFacts(r, 'postsaleSubscriptions', 'postsale');
    const requested = (producer: ChargeProducer, field: string): RequestedCharge[] =>
      requiredFacts(r, field, producer).map((fact) => ({ producer, fact, storedId: chargeDocId(tenantId, producer, fact.id) }));
    const charges = [...requested('postsale', 'postsaleCharges'), ...requested('techsupport', 'techsupportCharges')];
    const chargeIds = charges.map((c) => c.storedId);
    const [accounts, billed, liveBilled, stored, lines, faults] = await Promise.all([
      store.existingAccounts(
        tenantId,
        orders.map((o) => orderAccountId(tenantId, o.id)),
      ),
      store.billedOf(
        tenantId,
        subscriptions.map((s) => s.id),
      ),
      store.liveBilled(tenantId),
      store.existingCharges(tenantId, chargeIds),
      store.invoiceLinesOf(tenantId, chargeIds),
      store.faults(tenantId),
    ]);
    return reconciliationSection(
      'collections',
      cutoff,
      [
        ...ordersWithoutAccount(orders, cutoff, (orderId) => accounts.has(orderAccountId(tenantId, orderId))),
        ...billingDiscrepancies(subscriptions, cutoff, (id) => billed.get(id), liveBilled),
        ...chargeDiscrepancies(charges, cutoff, stored, (id) => lines.get(id) ?? []),
      ],
      faults,
    );
  },
});
