import { openFaults, type ReconciliationFact } from '@vinculo/common';
import type { Connection } from 'mongoose';
import type { InstalledProductModel } from './installed-product.model';
import type { PostSaleRequestModel } from './request.model';
import { chargeFacts, subscriptionFact, workOrderNeedFacts, type ProductFactSource, type RequestFactSource } from '../domain/reconciliation';

const byTime = (a: ReconciliationFact, b: ReconciliationFact) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id);

/** What post-sale reads for the reconciliation report: its own products and requests only. */
export function postsaleReconciliationStore(conn: Connection, products: InstalledProductModel, requests: PostSaleRequestModel) {
  return {
    /** Every product registered by the cutoff, with its status now (the checker treats a later change as in flight). */
    async subscriptions(tenantId: string, cutoff: Date): Promise<ReconciliationFact[]> {
      const rows = await products
        .find({ tenantId, installedAt: { $lte: cutoff } }, { _id: 1, customerId: 1, status: 1, orderId: 1, installedAt: 1, history: 1 })
        .lean<ProductFactSource[]>();
      return rows.map(subscriptionFact).sort(byTime);
    },
    /** The requests entered by the cutoff (index tenantId + receivedAt: a request is received before it is entered). */
    enteredRequests(tenantId: string, cutoff: Date): Promise<RequestFactSource[]> {
      return requests
        .find(
          { tenantId, receivedAt: { $lte: cutoff }, enteredAt: { $ne: null } },
          {
            _id: 1,
            type: 1,
            customerId: 1,
            installedProductId: 1,
            enteredAt: 1,
            charges: 1,
            history: 1,
            'details.relocation.newPlan': 1,
            'details.relocation.equipment': 1,
          },
        )
        .lean<RequestFactSource[]>();
    },
    workOrderNeeds: (rows: readonly RequestFactSource[], cutoff: Date): ReconciliationFact[] => rows.flatMap((r) => workOrderNeedFacts(r, cutoff)).sort(byTime),
    charges: (rows: readonly RequestFactSource[], cutoff: Date): ReconciliationFact[] => rows.flatMap((r) => chargeFacts(r, cutoff)).sort(byTime),
    /** Which of these product ids exist in the tenant (looked up by _id first, then checked for the tenant). */
    async existingProducts(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
      if (!ids.length) return new Set();
      const rows = await products.find({ _id: { $in: [...new Set(ids)] } }, { _id: 1, tenantId: 1 }).lean<{ _id: string; tenantId: string }[]>();
      return new Set(rows.filter((r) => r.tenantId === tenantId).map((r) => r._id));
    },
    faults: (tenantId: string) => openFaults(conn, tenantId),
  };
}

export type PostsaleReconciliationStore = ReturnType<typeof postsaleReconciliationStore>;
