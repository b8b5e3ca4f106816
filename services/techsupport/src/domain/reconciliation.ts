import { settled, type Discrepancy, type ReconciliationFact, type StatusChangeDoc } from '@vinculo/common';
import { excessCableChargeId } from './preventive';

/**
 * techsupport in the reconciliation report (issue #12). As a producer: the charges it requested
 * (R-TS-K1 excess cable, billed by collections). As a checker, from sales' placed orders and
 * post-sale's relocations and withdrawals sent to the field:
 *   WORK_ORDER_MISSING     no work order was opened for it (INSTALLATION by salesOrderId; RELOCATION or
 *                          EQUIPMENT_RETRIEVAL by requestId).
 *   WORK_ORDER_DUPLICATED  more than one was. A new INSTALLATION linked to the order once every earlier
 *                          one was closed (a failed installation followed up) is not a duplicate.
 */

export interface ReviewFactSource {
  _id: string;
  customerId: string;
  migration: string | null;
  excessCableMinor: number | null;
  history: StatusChangeDoc[];
}

/** The excess-cable charge of an accepted migration (none when the cable cost nothing), at its acceptance. */
export function excessCableChargeFact(r: ReviewFactSource, cutoff: Date): ReconciliationFact | null {
  if (r.migration !== 'ACCEPTED' || !(r.excessCableMinor && r.excessCableMinor > 0)) return null;
  const at = r.history.find((h) => h.to === 'ACCEPTED')?.at;
  if (!at || !settled(at, cutoff)) return null;
  return { id: excessCableChargeId(r._id), kind: 'EXCESS_CABLE', customerId: r.customerId, status: null, ref: r._id, items: [], at };
}

/** A fact that owes exactly one work order, and what it is called in words. */
export interface WorkOrderNeed {
  fact: ReconciliationFact;
  what: string;
}

/** WORK_ORDER_MISSING (0) and WORK_ORDER_DUPLICATED (>1) for each settled need; `workOrdersOf` lists the ids opened for it. */
export function workOrderDiscrepancies(needs: readonly WorkOrderNeed[], cutoff: Date, workOrdersOf: (id: string) => readonly string[]): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const { fact, what } of needs) {
    if (!settled(fact.at, cutoff)) continue;
    const found = [...workOrdersOf(fact.id)].sort();
    if (found.length === 0) {
      out.push({ invariant: 'WORK_ORDER_MISSING', entityIds: [fact.id], since: fact.at, detail: `${what} ${fact.id} has no work order` });
    } else if (found.length > 1) {
      out.push({
        invariant: 'WORK_ORDER_DUPLICATED',
        entityIds: [fact.id, ...found],
        since: fact.at,
        detail: `${what} ${fact.id} has ${found.length} work orders: ${found.join(', ')}`,
      });
    }
  }
  return out;
}

/**
 * The installations of one sales order that count towards "exactly one": the first, and any opened
 * while an earlier one was still open. One opened after every earlier one was closed follows up a failed
 * installation (techsupport createWorkOrder with salesOrderId) and is not a second installation.
 */
export function installationsCounted(rows: readonly { _id: string; createdAt: Date; closedAt: Date | null }[]): string[] {
  const sorted = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id));
  return sorted.filter((w, i) => i === 0 || sorted.slice(0, i).some((e) => !e.closedAt || e.closedAt.getTime() > w.createdAt.getTime())).map((w) => w._id);
}
