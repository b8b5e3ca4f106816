import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey, type EventEnvelope, type EventHandler } from '@vinculo/common';
import type { KnownEligibility } from '../domain/digital-sale';
import { countsAsBilling } from '../domain/indicators';

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
  const changed: EventHandler = async (e: EventEnvelope<{ customerId: string; eligible: boolean; reasons: EligibilityEntry['reasons'] }>) => {
    try {
      await model.updateOne(
        { _id: `${e.tenantId}:${e.data.customerId}`, asOf: { $lt: e.time } },
        { $set: { tenantId: e.tenantId, customerId: e.data.customerId, eligible: e.data.eligible, reasons: e.data.reasons, asOf: e.time } },
        { upsert: true },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  };
  const registered: EventHandler = async (e: EventEnvelope<{ customerId: string }>) => {
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
    handlers: { 'customers.EligibilityChanged': changed } as Record<string, EventHandler>,
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
  const registered: EventHandler = async (e: EventEnvelope<{ customerId: string; kind: string; identityCard?: string | null; taxId?: string | null }>) => {
    const card = e.data.identityCard ?? e.data.taxId;
    if (!card) return;
    await model.updateOne({ _id: `${e.tenantId}:${card.trim().toUpperCase()}` }, { $set: { tenantId: e.tenantId, customerId: e.data.customerId, kind: e.data.kind } }, { upsert: true });
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

interface InvoiceFact {
  _id: string;
  tenantId: string;
  period: string;
  segment: string;
  totalAmount: number;
  currency: string;
}

const invoiceSchema = new Schema<InvoiceFact>(
  { _id: String, tenantId: String, period: String, segment: String, totalAmount: Number, currency: String },
  { collection: 'sales_invoice_facts', versionKey: false },
);
invoiceSchema.index({ tenantId: 1, period: 1, segment: 1 });

/** collections.InvoiceIssued → one fact per billing invoice (id = invoice), summed per month and segment for R-SAL-KPI; receivable invoices are not billing. */
export function billingReadModel(conn: Connection) {
  const model: Model<InvoiceFact> = conn.model<InvoiceFact>('SalesInvoiceFact', invoiceSchema);
  const issued: EventHandler = async (e: EventEnvelope<{ invoiceId: string; period: string; segment: string | null; totalAmount: number; currency: string; kind?: string }>) => {
    if (!countsAsBilling(e.data.kind)) return;
    await model.updateOne(
      { _id: `${e.tenantId}:${e.data.invoiceId}` },
      { $set: { tenantId: e.tenantId, period: e.data.period, segment: e.data.segment ?? 'UNKNOWN', totalAmount: e.data.totalAmount, currency: e.data.currency } },
      { upsert: true },
    );
  };
  return {
    model,
    handlers: { 'collections.InvoiceIssued': issued } as Record<string, EventHandler>,
    async total(tenantId: string, period: string, segment: string): Promise<number> {
      const rows = await model.find({ tenantId, period, segment }, { totalAmount: 1 }).lean<InvoiceFact[]>();
      return rows.reduce((s, r) => s + r.totalAmount, 0);
    },
  };
}
export type BillingReadModel = ReturnType<typeof billingReadModel>;

interface StaffEntry {
  _id: string;
  tenantId: string;
  employeeId: string;
  teamLeadId: string | null;
  roles: string[];
  active: boolean;
  asOf: string;
}

const staffSchema = new Schema<StaffEntry>(
  { _id: String, tenantId: String, employeeId: String, teamLeadId: { type: String, default: null }, roles: { type: [String], default: [] }, active: Boolean, asOf: String },
  { collection: 'sales_staff', versionKey: false, minimize: false },
);
// The team report: a lead's (active) executives.
staffSchema.index({ tenantId: 1, teamLeadId: 1 });

type EmployeeSnapshot = { employeeId: string; roles: string[]; teamLeadId: string | null; active: boolean };

/**
 * customers.Employee* (each carries the employee snapshot after the change) → who leads whom: the lead
 * who approves an executive's projects (R-SAL-1 Vo.Bo.) and the executives of a lead's team report;
 * and who is a registered, active executive (R-SAL-QC1, the quality-control call of an unowned order).
 * Events of one employee arrive in order (key = employee id); `asOf` keeps a redelivered older one out.
 */
export function staffReadModel(conn: Connection) {
  const model: Model<StaffEntry> = conn.model<StaffEntry>('SalesStaff', staffSchema);
  const snapshot: EventHandler = async (e: EventEnvelope<EmployeeSnapshot>) => {
    const d = e.data;
    try {
      await model.updateOne(
        { _id: `${e.tenantId}:${d.employeeId}`, asOf: { $lte: e.time } },
        { $set: { tenantId: e.tenantId, employeeId: d.employeeId, teamLeadId: d.teamLeadId, roles: d.roles, active: d.active, asOf: e.time } },
        { upsert: true },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // a newer snapshot is already here
    }
  };
  return {
    model,
    handlers: {
      'customers.EmployeeRegistered': snapshot,
      'customers.EmployeeRolesChanged': snapshot,
      'customers.EmployeeTeamLeadAssigned': snapshot,
      'customers.EmployeeDeactivated': snapshot,
    } as Record<string, EventHandler>,
    /** The executive's team lead, or null when sales does not know one (not registered, or no lead assigned). */
    async leadOf(tenantId: string, employeeId: string): Promise<string | null> {
      return (await model.findById(`${tenantId}:${employeeId}`, { teamLeadId: 1 }).lean<StaffEntry>())?.teamLeadId ?? null;
    },
    /** The employee as customers registered it (roles, active), or null when sales has not heard of it. */
    async employee(tenantId: string, employeeId: string): Promise<{ roles: string[]; active: boolean } | null> {
      const e = await model.findById(`${tenantId}:${employeeId}`, { roles: 1, active: 1 }).lean<StaffEntry>();
      return e ? { roles: e.roles ?? [], active: e.active !== false } : null;
    },
    /** The lead's active team members, and the lead of each of `others` that sales knows. */
    async team(tenantId: string, leadId: string, others: readonly string[]): Promise<{ members: string[]; leadOfOthers: Map<string, string | null> }> {
      const [members, known] = await Promise.all([
        model.find({ tenantId, teamLeadId: leadId, active: true }, { employeeId: 1 }).lean<StaffEntry[]>(),
        model.find({ _id: { $in: others.map((o) => `${tenantId}:${o}`) } }, { employeeId: 1, teamLeadId: 1 }).lean<StaffEntry[]>(),
      ]);
      return { members: members.map((m) => m.employeeId), leadOfOthers: new Map(known.map((k) => [k.employeeId, k.teamLeadId])) };
    },
  };
}
export type StaffReadModel = ReturnType<typeof staffReadModel>;
