import { Schema, type Connection, type Model } from 'mongoose';

/**
 * An executive's targets for a month (collection `sales_targets`, _id = tenant:executive:month).
 * newCapturesCount and portfolioCustomerIds come from customers.MonthPlanned (newest revision wins)
 * unless the lead or director sets them here; the amounts are set here.
 */
export interface SalesTargetDoc {
  _id: string;
  tenantId: string;
  executiveId: string;
  month: string;
  /** Who planned / set it: the team lead whose team report includes the executive. */
  leadId: string | null;
  newCapturesCount: number;
  newCapturesAmountMinor: number;
  portfolioAmountMinor: number;
  affiliations: number;
  salesBudgetMinor: number;
  portfolioCustomerIds: string[];
  planRevision: number;
  updatedAt: Date;
}

const schema = new Schema<SalesTargetDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    executiveId: String,
    month: String,
    leadId: { type: String, default: null },
    newCapturesCount: { type: Number, default: 0 },
    newCapturesAmountMinor: { type: Number, default: 0 },
    portfolioAmountMinor: { type: Number, default: 0 },
    affiliations: { type: Number, default: 0 },
    salesBudgetMinor: { type: Number, default: 0 },
    portfolioCustomerIds: { type: [String], default: [] },
    planRevision: { type: Number, default: 0 },
    updatedAt: Date,
  },
  { collection: 'sales_targets', versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, month: 1, leadId: 1 });
schema.index({ tenantId: 1, month: 1, executiveId: 1 });

export type SalesTargetModel = Model<SalesTargetDoc>;
export const salesTargetModel = (conn: Connection): SalesTargetModel => conn.model<SalesTargetDoc>('SalesTarget', schema);
export const targetId = (tenantId: string, executiveId: string, month: string) => `${tenantId}:${executiveId}:${month}`;
