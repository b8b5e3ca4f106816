import { idFromEvent } from '@vinculo/common';
import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A "new need" found in an executive's portfolio (B portfolio sales), from techsupport.CrossSellFlagged
 * (collection `sales_new_needs`, _id = tenant:flagId so a redelivered flag is one need). OPEN until the
 * executive drafts a PORTFOLIO sale project from it, then TAKEN: the project's id is derived from the
 * need's (`projectIdForNeed`), so "taken" is read off the project and drafting it is one write.
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
  },
  { collection: 'sales_new_needs', versionKey: false },
);
schema.index({ tenantId: 1, executiveId: 1, flaggedAt: -1, _id: -1 });

export type NewNeedModel = Model<NewNeedDoc>;
export const newNeedModel = (conn: Connection): NewNeedModel => conn.model<NewNeedDoc>('SalesNewNeed', schema);
export const needId = (tenantId: string, flagId: string) => `${tenantId}:${flagId}`;
/** The one sale project a new need can become: a second draft from the need hits its unique _id. */
export const projectIdForNeed = (needId: string) => idFromEvent('sp', `need|${needId}`);
