import { Schema, type Connection, type Model } from 'mongoose';
import type { NamedAddress, NotificationRule } from '../domain/rules';
import type { Template } from '../domain/templates';
import type { ReportSchedule } from '../domain/schedule';

/** A tenant's own rules, addresses and templates over the defaults (collection `notification_settings`, `_id` = tenant). */
export interface SettingsDoc {
  _id: string;
  rules: NotificationRule[];
  addresses: NamedAddress[];
  templates: Template[];
  /** The tenant's report schedules over the defaults (domain/schedule.ts). */
  schedules?: ReportSchedule[];
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

const schema = new Schema<SettingsDoc>(
  {
    _id: String,
    rules: { type: Schema.Types.Mixed, default: [] },
    addresses: { type: Schema.Types.Mixed, default: [] },
    templates: { type: Schema.Types.Mixed, default: [] },
    schedules: { type: Schema.Types.Mixed, default: [] },
    version: { type: Number, default: 0 },
    updatedBy: String,
    updatedAt: Date,
  },
  { collection: 'notification_settings', versionKey: false, minimize: false },
);

export type SettingsModel = Model<SettingsDoc>;
export const settingsModel = (conn: Connection): SettingsModel => conn.model<SettingsDoc>('NotificationSettings', schema);

/** A person's e-mail opt-outs (collection `notification_preferences`, `_id` = `<tenant>:<user>`). Mandatory rules ignore them. */
export interface PreferencesDoc {
  _id: string;
  tenantId: string;
  userId: string;
  emailOptOut: string[];
  updatedAt: Date;
}

const prefSchema = new Schema<PreferencesDoc>(
  { _id: String, tenantId: String, userId: String, emailOptOut: { type: [String], default: [] }, updatedAt: Date },
  { collection: 'notification_preferences', versionKey: false, minimize: false },
);
export type PreferencesModel = Model<PreferencesDoc>;
export const preferencesModel = (conn: Connection): PreferencesModel => conn.model<PreferencesDoc>('NotificationPreferences', prefSchema);

/** The tenant's own settings (null: the defaults only). */
export const settingsOf = (model: SettingsModel, tenantId: string) => model.findById(tenantId).lean<SettingsDoc>().exec();

/** Replace some of the tenant's settings (rules, addresses or schedules), by whom; the version counts changes. */
export async function saveSettings(
  model: SettingsModel,
  tenantId: string,
  set: Partial<Pick<SettingsDoc, 'rules' | 'addresses' | 'schedules'>>,
  by: string,
): Promise<void> {
  await model.updateOne({ _id: tenantId }, { $set: { ...set, updatedBy: by, updatedAt: new Date() }, $inc: { version: 1 } }, { upsert: true });
}

/** A person's e-mail opt-outs (none until set). */
export const optOutsOf = async (model: PreferencesModel, who: { tenantId: string; userId: string }): Promise<string[]> =>
  (await model.findById(`${who.tenantId}:${who.userId}`).lean<PreferencesDoc>())?.emailOptOut ?? [];

export async function setOptOuts(model: PreferencesModel, who: { tenantId: string; userId: string }, emailOptOut: string[]): Promise<void> {
  await model.updateOne({ _id: `${who.tenantId}:${who.userId}` }, { $set: { ...who, emailOptOut, updatedAt: new Date() } }, { upsert: true });
}
