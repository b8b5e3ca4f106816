import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey, upsertNewest, type EventHandler } from '@vinculo/common';
import type { KnownEligibility } from '../domain/digital-sale';
import { countsAsBilling } from '../domain/indicators';
import { billingFigures, recordBillingFact, type BillingTotalsStores } from '../application/billing-totals';
import { invoiceFactModel } from '../store/invoice-fact.model';
import { billingTotalsModel } from '../store/billing-totals.model';

/*
 * Sales' local read models of other domains' facts, each an idempotent upsert keyed by business key:
 * eligibility (R-DIG-1), identity cards (digital-sale identification), invoice totals (R-SAL-KPI).
 */

interface EligibilityEntry {
  _id: string;
  tenantId: string;
  customerId: string;
  eligible: boolean;
  reasons: { kind: string; detail: string; since: string }[];
  asOf: string;
}

const eligibilitySchema = new Schema<EligibilityEntry>(
  { _id: String, tenantId: String, customerId: String, eligible: Boolean, reasons: { type: Schema.Types.Mixed, default: [] }, asOf: String },
  { collection: 'sales_eligibility', versionKey: false, minimize: false },
);

/**
 * customers.EligibilityChanged → the customer's impediments; the newest event (by time) wins.
 * customers publishes EligibilityChanged only when eligibility moves away from (or back to) the state
 * every customer starts in — eligible, nothing on record — so customers.CustomerRegistered is what
 * makes a customer known here: it stores that starting state, older than any change (asOf ''), and
 * never overwrites what a change already stored. A customer sales has not heard of is unknown
 * (`of` → null), which R-DIG-1 refuses rather than passes.
 */
export function eligibilityReadModel(conn: Connection) {
  const model: Model<EligibilityEntry> = conn.model<EligibilityEntry>('SalesEligibility', eligibilitySchema);
  const changed: EventHandler<'customers.EligibilityChanged'> = async (e) => {
    await upsertNewest(model, {
      key: { _id: `${e.tenantId}:${e.data.customerId}` },
      field: 'asOf',
      version: e.time,
      set: { tenantId: e.tenantId, customerId: e.data.customerId, eligible: e.data.eligible, reasons: e.data.reasons },
    });
  };
  const registered: EventHandler<'customers.CustomerRegistered'> = async (e) => {
    try {
      await model.updateOne(
        { _id: `${e.tenantId}:${e.data.customerId}` },
        { $setOnInsert: { tenantId: e.tenantId, customerId: e.data.customerId, eligible: true, reasons: [], asOf: '' } },
        { upsert: true },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // a concurrent write stored it first: known either way
    }
  };
  return {
    model,
    handlers: { 'customers.EligibilityChanged': changed },
    /** customers.CustomerRegistered (wired with the other readers of that event in subgraph.ts). */
    registered,
    /** The customer's eligibility; null while sales has not heard of the customer. */
    async of(tenantId: string, customerId: string): Promise<KnownEligibility> {
      const entry = await model.findById(`${tenantId}:${customerId}`).lean<EligibilityEntry>();
      return entry ? { eligible: entry.eligible, reasons: entry.reasons } : null;
    },
  };
}
export type EligibilityReadModel = ReturnType<typeof eligibilityReadModel>;

interface IdentityEntry {
  _id: string;
  tenantId: string;
  customerId: string;
  kind: string;
}

const identitySchema = new Schema<IdentityEntry>(
  { _id: String, tenantId: String, customerId: String, kind: String },
  { collection: 'sales_customer_identities', versionKey: false },
);

/** customers.CustomerRegistered → identity card (CI) / tax id → customer, for the digital-sale identification. */
export function identityReadModel(conn: Connection) {
  const model: Model<IdentityEntry> = conn.model<IdentityEntry>('SalesCustomerIdentity', identitySchema);
  const registered: EventHandler<'customers.CustomerRegistered'> = async (e) => {
    const card = e.data.identityCard ?? e.data.taxId;
    if (!card) return;
    await model.updateOne(
      { _id: `${e.tenantId}:${card.trim().toUpperCase()}` },
      { $set: { tenantId: e.tenantId, customerId: e.data.customerId, kind: e.data.kind } },
      { upsert: true },
    );
  };
  return {
    model,
    registered,
    async find(tenantId: string, card: string): Promise<IdentityEntry | null> {
      return model.findById(`${tenantId}:${card.trim().toUpperCase()}`).lean<IdentityEntry>();
    },
  };
}
export type IdentityReadModel = ReturnType<typeof identityReadModel>;

/**
 * collections.InvoiceIssued → one fact per billing invoice (id = invoice), counted once in the totals
 * of its month and segment for R-SAL-KPI (application/billing-totals.ts); receivable invoices are not billing.
 */
export function billingReadModel(conn: Connection) {
  const stores: BillingTotalsStores = { facts: invoiceFactModel(conn), totals: billingTotalsModel(conn) };
  const issued: EventHandler<'collections.InvoiceIssued'> = async (e) => {
    if (!countsAsBilling(e.data.kind)) return;
    await recordBillingFact(stores, {
      _id: `${e.tenantId}:${e.data.invoiceId}`,
      tenantId: e.tenantId,
      period: e.data.period,
      segment: e.data.segment ?? 'UNKNOWN',
      totalAmount: e.data.totalAmount,
      currency: e.data.currency,
    });
  };
  return {
    model: stores.facts,
    stores,
    handlers: { 'collections.InvoiceIssued': issued },
    /** The billing of a month and segment in minor units (maintained totals, read by id). */
    async total(tenantId: string, period: string, segment: string): Promise<number> {
      return (await billingFigures(stores, { tenantId, period, segment })).totalMinor;
    },
  };
}
export type BillingReadModel = ReturnType<typeof billingReadModel>;
