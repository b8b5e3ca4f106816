import { openFaults, type ReconciliationFact } from '@vinculo/common';
import type { Connection } from 'mongoose';
import type { WorkOrderModel } from './work-order.model';
import type { PreventiveReviewModel } from './review.model';
import { excessCableChargeFact, installationsCounted, type ReviewFactSource } from '../domain/reconciliation';

type Link = 'salesOrderId' | 'requestId';

/** What techsupport reads for the reconciliation report: its own work orders and preventive reviews. */
export function techsupportReconciliationStore(conn: Connection, workOrders: WorkOrderModel, reviews: PreventiveReviewModel) {
  return {
    /** The excess-cable charges of accepted migrations (index tenantId + migration). */
    async charges(tenantId: string, cutoff: Date): Promise<ReconciliationFact[]> {
      const rows = await reviews
        .find({ tenantId, migration: 'ACCEPTED' }, { _id: 1, customerId: 1, migration: 1, excessCableMinor: 1, history: 1 })
        .lean<ReviewFactSource[]>();
      return rows.flatMap((r) => excessCableChargeFact(r, cutoff) ?? []).sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
    },
    /**
     * The work orders opened for these orders or requests, by the id they serve: INSTALLATION by
     * salesOrderId (index tenantId + salesOrderId), any type by requestId (index tenantId + requestId);
     * by requestId each is also listed under `<requestId>|<type>`, for a request that needs one of each
     * of several types (R-PS-C2: the new product's INSTALLATION and the old one's EQUIPMENT_RETRIEVAL).
     */
    async workOrdersFor(tenantId: string, link: Link, ids: readonly string[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      if (!ids.length) return out;
      const filter = { tenantId, [link]: { $in: [...new Set(ids)] }, ...(link === 'salesOrderId' ? { type: 'INSTALLATION' } : {}) };
      type Row = { _id: string; type: string; salesOrderId: string | null; requestId: string | null; createdAt: Date; closedAt: Date | null };
      const rows = await workOrders.find(filter, { _id: 1, type: 1, salesOrderId: 1, requestId: 1, createdAt: 1, closedAt: 1 }).lean<Row[]>();
      const grouped = new Map<string, Row[]>();
      for (const w of rows) {
        const key = w[link];
        if (!key) continue;
        grouped.set(key, [...(grouped.get(key) ?? []), w]);
        if (link === 'requestId') out.set(`${key}|${w.type}`, [...(out.get(`${key}|${w.type}`) ?? []), w._id]);
      }
      // An order's installation that follows up a failed one (opened once every earlier one was closed) is not a duplicate.
      for (const [key, ws] of grouped) out.set(key, link === 'salesOrderId' ? installationsCounted(ws) : ws.map((w) => w._id));
      return out;
    },
    faults: (tenantId: string) => openFaults(conn, tenantId),
  };
}

export type TechsupportReconciliationStore = ReturnType<typeof techsupportReconciliationStore>;
