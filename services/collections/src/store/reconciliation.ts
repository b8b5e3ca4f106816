import { findByIds, openFaults } from '@vinculo/common';
import type { Connection, Model } from 'mongoose';
import type { BillingAccountModel } from './billing-account.model';
import { mirrorIdOf, type SubscriptionDoc, type SubscriptionModel } from './subscription.model';
import type { ChargeModel } from './charge.model';
import type { InvoiceModel } from './invoice.model';
import type { BilledView } from '../domain/reconciliation';

type BilledRow = Pick<SubscriptionDoc, '_id' | 'tenantId' | 'installedProductId' | 'status' | 'billingAccountId' | 'updatedAt'> & {
  changes: { change: string }[];
};
const BILLED_FIELDS = { _id: 1, tenantId: 1, installedProductId: 1, status: 1, billingAccountId: 1, updatedAt: 1, 'changes.change': 1 } as const;

const billedView = (b: BilledRow): BilledView => ({
  installedProductId: b.installedProductId,
  status: b.status,
  billingAccountId: b.billingAccountId,
  withdrawn: (b.changes ?? []).some((c) => c.change === 'WITHDRAWN'),
  updatedAt: b.updatedAt ?? new Date(0),
});

/** Of these ids, the ones stored in the tenant: looked up by _id first, then checked for the tenant. */
async function existingIds<T extends { _id: string; tenantId: string }>(model: Model<T>, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  return new Set((await findByIds(model, tenantId, ids, { _id: 1, tenantId: 1 })).map((r) => r._id));
}

/** What collections reads for the reconciliation report: its own accounts, billed products, charges and invoices. */
export function collectionsReconciliationStore(
  conn: Connection,
  s: { accounts: BillingAccountModel; subscriptions: SubscriptionModel; charges: ChargeModel; invoices: InvoiceModel },
) {
  return {
    existingAccounts: (tenantId: string, ids: readonly string[]) => existingIds(s.accounts, tenantId, ids),
    existingCharges: (tenantId: string, ids: readonly string[]) => existingIds(s.charges, tenantId, ids),
    /** The billed products of these subscriptions, by installed product id. */
    async billedOf(tenantId: string, installedProductIds: readonly string[]): Promise<Map<string, BilledView>> {
      if (!installedProductIds.length) return new Map();
      const rows = await s.subscriptions.find({ _id: { $in: installedProductIds.map((id) => mirrorIdOf(tenantId, id)) } }, BILLED_FIELDS).lean<BilledRow[]>();
      return new Map(rows.filter((r) => r.tenantId === tenantId).map((r) => [r.installedProductId, billedView(r)]));
    },
    /** The tenant's ACTIVE and SUSPENDED billed products (index tenantId + status). */
    async liveBilled(tenantId: string): Promise<BilledView[]> {
      const rows = await s.subscriptions.find({ tenantId, status: { $in: ['ACTIVE', 'SUSPENDED'] } }, BILLED_FIELDS).lean<BilledRow[]>();
      return rows.map(billedView);
    },
    /** For each of these stored charges, the invoice of every line that bills it (one entry per line). */
    async invoiceLinesOf(tenantId: string, chargeIds: readonly string[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      if (!chargeIds.length) return out;
      const wanted = new Set(chargeIds);
      const rows = await s.invoices
        .find({ tenantId, 'lines.chargeId': { $in: [...wanted] } }, { _id: 1, 'lines.chargeId': 1 })
        .lean<{ _id: string; lines: { chargeId: string | null }[] }[]>();
      for (const inv of rows) {
        for (const l of inv.lines ?? []) {
          if (l.chargeId && wanted.has(l.chargeId)) out.set(l.chargeId, [...(out.get(l.chargeId) ?? []), inv._id]);
        }
      }
      return out;
    },
    faults: (tenantId: string) => openFaults(conn, tenantId),
  };
}

export type CollectionsReconciliationStore = ReturnType<typeof collectionsReconciliationStore>;
