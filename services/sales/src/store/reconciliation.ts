import { openFaults, type ReconciliationFact } from '@vinculo/common';
import type { Connection } from 'mongoose';
import type { SalesOrderModel } from './sales-order.model';
import { completedOrderFact, PLACED_OR_LATER, placedOrderFact, type OrderFactSource } from '../domain/reconciliation';

const FACT_FIELDS = { _id: 1, customerId: 1, status: 1, history: 1, acceptedLines: 1, serviceNumber: 1 } as const;
const byTime = (a: ReconciliationFact, b: ReconciliationFact) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id);

/**
 * What sales reads for the reconciliation report. Orders by status and placedAt (index tenantId +
 * status + placedAt): an order is placed no later than it reaches PLACED or COMPLETED, so orders
 * placed after the cutoff cannot hold a fact the report counts.
 */
export function salesReconciliationStore(conn: Connection, orders: SalesOrderModel) {
  const read = (tenantId: string, statuses: readonly string[], cutoff: Date) =>
    orders.find({ tenantId, status: { $in: statuses }, placedAt: { $lte: cutoff } }, FACT_FIELDS).lean<OrderFactSource[]>();
  return {
    async completedOrders(tenantId: string, cutoff: Date): Promise<ReconciliationFact[]> {
      const rows = await read(tenantId, ['COMPLETED'], cutoff);
      return rows.flatMap((o) => completedOrderFact(o, cutoff) ?? []).sort(byTime);
    },
    async placedOrders(tenantId: string, cutoff: Date): Promise<ReconciliationFact[]> {
      const rows = await read(tenantId, PLACED_OR_LATER, cutoff);
      return rows.flatMap((o) => placedOrderFact(o, cutoff) ?? []).sort(byTime);
    },
    faults: (tenantId: string) => openFaults(conn, tenantId),
  };
}

export type SalesReconciliationStore = ReturnType<typeof salesReconciliationStore>;
