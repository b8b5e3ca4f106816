import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, trackChanges } from '@vinculo/common';
import type { SaleProjectState } from '../domain/sale-project';

/**
 * A sale project as stored (collection `sale_projects`): one document per project with its offers and
 * decision embedded, so state, version and outbox change in one single-document write.
 */
export interface SaleProjectDoc extends SaleProjectState {
  _id: string;
  tenantId: string;
  customerId: string;
  executiveId: string;
  /** The new need (B) it was drafted from, if any (its _id is then derived from the need's). */
  newNeedId?: string | null;
  currency: string;
  /** The month (tenant time zone) the project closed: order entered or LOST (monthly reports). */
  closedMonth: string | null;
  createdAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<SaleProjectDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    executiveId: { type: String, required: true },
    newNeedId: { type: String, default: null },
    currency: String,
    kind: String,
    status: String,
    needs: String,
    activityType: { type: String, default: null },
    market: { type: String, default: null },
    items: { type: Schema.Types.Mixed, default: [] },
    installationAddress: String,
    location: { type: Schema.Types.Mixed },
    approval: { type: Schema.Types.Mixed, default: null },
    feasibility: { type: Schema.Types.Mixed, default: null },
    visitId: { type: String, default: null },
    offers: { type: Schema.Types.Mixed, default: [] },
    decision: { type: Schema.Types.Mixed, default: null },
    orderId: { type: String, default: null },
    orderEnteredMonth: { type: String, default: null },
    closedMonth: { type: String, default: null },
    createdAt: Date,
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'sale_projects', versionKey: false, minimize: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(schema);
schema.plugin(outboxPlugin);
schema.index({ tenantId: 1, customerId: 1, createdAt: -1, _id: -1 });
schema.index({ tenantId: 1, executiveId: 1, createdAt: -1, _id: -1 });
// Monthly reports: an executive's projects closed (order entered / lost) in a month.
schema.index({ tenantId: 1, executiveId: 1, closedMonth: 1 });
schema.index({ tenantId: 1, closedMonth: 1, status: 1 });

export type SaleProjectModel = Model<SaleProjectDoc>;
export const saleProjectModel = (conn: Connection): SaleProjectModel => conn.model<SaleProjectDoc>('SaleProject', schema);
