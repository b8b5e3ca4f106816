import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A "new need" found in an executive's portfolio (B portfolio sales), from techsupport.CrossSellFlagged
 * (collection `sales_new_needs`, _id = tenant:flagId so a redelivered flag is one need). OPEN until the
 * executive drafts a PORTFOLIO sale project from it (TAKEN).
 */
export interface NewNeedDoc {
  _id: string;
  tenantId: string;
  flagId: string;
  customerId: string;
  executiveId: string | null;
  installedProductId: string | null;
  suggestion: string;
  flaggedAt: Date;
  status: 'OPEN' | 'TAKEN';
  saleProjectId: string | null;
}

const schema = new Schema<NewNeedDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    flagId: String,
    customerId: String,
    executiveId: { type: String, default: null },
    installedProductId: { type: String, default: null },
    suggestion: String,
    flaggedAt: Date,
    status: { type: String, default: 'OPEN' },
    saleProjectId: { type: String, default: null },
  },
  { collection: 'sales_new_needs', versionKey: false },
);
schema.index({ tenantId: 1, executiveId: 1, flaggedAt: -1, _id: -1 });

export type NewNeedModel = Model<NewNeedDoc>;
export const newNeedModel = (conn: Connection): NewNeedModel => conn.model<NewNeedDoc>('SalesNewNeed', schema);
export const needId = (tenantId: string, flagId: string) => `${tenantId}:${flagId}`;
