import { Schema, type Connection, type Model } from 'mongoose';
import { DEFAULT_TECHSUPPORT_SETTINGS, type TechsupportSettingsValues } from '../domain/settings';

/** The tenant's technical-support settings (collection `techsupport_settings`, `_id` = tenant). */
export interface SettingsDoc extends TechsupportSettingsValues {
  _id: string;
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

const schema = new Schema<SettingsDoc>(
  {
    _id: String,
    slaHours: { type: Schema.Types.Mixed, default: {} },
    atRiskPercent: Number,
    includedCableM: Number,
    excessCablePerMeterMinor: Number,
    version: Number,
    updatedBy: String,
    updatedAt: Date,
  },
  { collection: 'techsupport_settings', versionKey: false, minimize: false },
);

export type SettingsModel = Model<SettingsDoc>;
export const settingsModel = (conn: Connection): SettingsModel => conn.model<SettingsDoc>('TechsupportSettings', schema);

/** The tenant's settings, the documented defaults until an ADMIN changes them. */
export async function settingsFor(model: SettingsModel, tenantId: string): Promise<SettingsDoc> {
  const doc = await model.findOne({ _id: tenantId }).lean<SettingsDoc>();
  return doc ?? { _id: tenantId, ...DEFAULT_TECHSUPPORT_SETTINGS, slaHours: {}, version: 0, updatedBy: 'system', updatedAt: new Date(0) };
}
