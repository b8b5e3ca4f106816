import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc, trackChanges } from '@vinculo/common';
import type { BillingAccountStanding } from '../domain/billing-account';
import type { LedgerInvoice } from '../domain/ledger';

/** A billing account as stored (collection `billing_accounts`). */
export interface BillingAccountDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  accountNumber: string;
  currency: string;
  standing: BillingAccountStanding;
  openedBy: string;
  openedAt: Date;
  history: StatusChangeDoc[];
  /** The sales order (contract) this account bills, when opened by sales.SalesOrderActivated. */
  orderId: string | null;
  /** The ledger: open and paid invoices and the credit balance (saldo a favor), in minor units. */
  invoices: LedgerInvoice[];
  creditMinor: number;
  overdueMinor: number;
  standingSince: Date;
  /** Payments already applied (guard against applying one twice). */
  appliedPaymentIds: string[];
  /**
   * How each payment was allocated, written with the ledger change: a payment whose process died before
   * recording its allocation on the payment itself gets it from here when completed.
   */
  paymentAllocations: { paymentId: string; allocations: { invoiceId: string; amountMinor: number }[]; creditAddedMinor: number }[];
  /**
   * What this account's latest ledger writes change in its tenant's indicator totals, written with them
   * and removed once added to the totals (application/indicator-totals.ts).
   */
  indicatorDeltas?: IndicatorDelta[];
  version: number;
  outbox: EventEnvelope[];
}

/** A change to the indicator totals: `key` = account id @ the version written; `inc` = path → amount. */
export interface IndicatorDelta {
  key: string;
  inc: { p: string; n: number }[];
}

const billingAccountSchema = new Schema<BillingAccountDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    accountNumber: { type: String, required: true },
    currency: { type: String, required: true },
    standing: { type: String, required: true },
    openedBy: { type: String, required: true },
    openedAt: { type: Date, required: true },
    history: { type: [statusChangeSchema], default: [] },
    orderId: { type: String, default: null },
    invoices: {
      type: [new Schema({ invoiceId: String, period: String, dueDate: String, totalMinor: Number, paidMinor: Number }, { _id: false })],
      default: [],
    },
    creditMinor: { type: Number, default: 0 },
    overdueMinor: { type: Number, default: 0 },
    standingSince: { type: Date, default: () => new Date() },
    appliedPaymentIds: { type: [String], default: [] },
    paymentAllocations: {
      type: [
        new Schema(
          { paymentId: String, allocations: [new Schema({ invoiceId: String, amountMinor: Number }, { _id: false })], creditAddedMinor: Number },
          { _id: false },
        ),
      ],
      default: [],
    },
    indicatorDeltas: {
      type: [new Schema({ key: String, inc: [new Schema({ p: String, n: Number }, { _id: false })] }, { _id: false })],
      default: undefined,
    },
  },
  { collection: 'billing_accounts', versionKey: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(billingAccountSchema);
billingAccountSchema.plugin(outboxPlugin);
// Account numbers are generated at random; this index makes a collision a duplicate key (retried).
billingAccountSchema.index({ tenantId: 1, accountNumber: 1 }, { unique: true });
billingAccountSchema.index({ tenantId: 1, customerId: 1, openedAt: -1, _id: -1 });
billingAccountSchema.index({ tenantId: 1, standing: 1 });
// Whole-tenant walks in id order (billing runs, sweeps) and the tenant's oldest account.
billingAccountSchema.index({ tenantId: 1, _id: 1 });
billingAccountSchema.index({ tenantId: 1, openedAt: 1 });
// Indicator deltas a writer left behind (it died before adding them to the totals): found by tenant.
billingAccountSchema.index({ tenantId: 1, 'indicatorDeltas.key': 1 }, { sparse: true });
// The billing run's bulk versioned writes filter on `{ _id, version }` like every versioned write (the
// tenant was checked when the account was read): outboxPlugin's unique `{ _id, version }` index serves them.
// overdueWorklist(first, after): OVERDUE accounts of a portfolio, largest overdue amount first.
billingAccountSchema.index({ tenantId: 1, standing: 1, overdueMinor: -1, _id: -1 });

export type BillingAccountModel = Model<BillingAccountDoc>;
export const billingAccountModel = (conn: Connection): BillingAccountModel => conn.model<BillingAccountDoc>('BillingAccount', billingAccountSchema);
