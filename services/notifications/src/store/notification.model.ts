import { Schema, type Connection, type Model } from 'mongoose';

/** One in-app notification for one person (collection `notifications`); `_id` = `<source id>:<rule>:<user>`, so a redelivered event adds nothing. */
export interface NotificationDoc {
  _id: string;
  tenantId: string;
  userId: string;
  ruleId: string;
  eventType: string;
  eventId: string;
  title: string;
  body: string;
  link: string | null;
  customerId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

const schema = new Schema<NotificationDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    ruleId: String,
    eventType: String,
    eventId: String,
    title: String,
    body: String,
    link: { type: String, default: null },
    customerId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { collection: 'notifications', versionKey: false, minimize: false },
);
// A person's inbox, newest first, and its unread part.
schema.index({ tenantId: 1, userId: 1, createdAt: -1, _id: -1 });
schema.index({ tenantId: 1, userId: 1, readAt: 1 });

export type NotificationModel = Model<NotificationDoc>;
export const notificationModel = (conn: Connection): NotificationModel => conn.model<NotificationDoc>('Notification', schema);

/** A person's unread notifications. */
export const unreadCount = (model: NotificationModel, who: { tenantId: string; userId: string }) => model.countDocuments({ ...who, readAt: null }).exec();

/** Mark a person's notifications read (these ids, or all); how many changed. */
export async function markRead(model: NotificationModel, who: { tenantId: string; userId: string }, ids: readonly string[] | 'ALL'): Promise<number> {
  const filter = ids === 'ALL' ? { ...who, readAt: null } : { _id: { $in: [...ids] }, ...who, readAt: null };
  return (await model.updateMany(filter, { $set: { readAt: new Date() } })).modifiedCount;
}
