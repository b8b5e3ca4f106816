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

/** Upsert the given fees of the tenant (the other types keep theirs). */
export async function setFees(model: PostSaleSettingsModel, tenantId: string, feesMinor: Partial<Record<RequestType, number>>, by: string): Promise<void> {
  const set: Record<string, unknown> = { updatedBy: by, updatedAt: new Date() };
  for (const [type, minor] of Object.entries(feesMinor)) set[`feesMinor.${type}`] = minor;
  await model.updateOne({ _id: tenantId }, { $set: set }, { upsert: true });
}

/** The tenant's settings as stored (null until an ADMIN sets a fee: the defaults apply). */
export const settingsOf = (model: PostSaleSettingsModel, tenantId: string) => model.findOne({ _id: tenantId }).lean<PostSaleSettingsDoc>().exec();
