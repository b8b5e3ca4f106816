import { Schema, type Connection, type Model } from 'mongoose';
import type { RequestType } from '../domain/request';

/** Post-sale's own per-tenant settings (numbers not in the kit's tenant policy): procedure fees. */
export interface PostSaleSettingsDoc {
  /** The tenant id. */
  _id: string;
  feesMinor: Partial<Record<RequestType, number>>;
  updatedBy: string;
  updatedAt: Date;
}

const schema = new Schema<PostSaleSettingsDoc>(
  { _id: String, feesMinor: { type: Schema.Types.Mixed, default: {} }, updatedBy: String, updatedAt: Date },
  { collection: 'postsale_settings', versionKey: false, minimize: false },
);

export type PostSaleSettingsModel = Model<PostSaleSettingsDoc>;
export const postSaleSettingsModel = (conn: Connection): PostSaleSettingsModel => conn.model<PostSaleSettingsDoc>('PostSaleSettings', schema);
