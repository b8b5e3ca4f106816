import { Schema, type Connection, type Model } from 'mongoose';
import type { SubscriptionChange } from '../domain/subscription-billing';

/** A customer's installed product as collections mirrors it from post-sale events (collection `subscriptions`). */
export interface SubscriptionDoc {
  /** mirrorIdOf(tenantId, installedProductId): one tenant's product id never lands on another tenant's mirror. */
  _id: string;
  tenantId: string;
  /** The installed product id (postsale's InstalledProduct id). */
  installedProductId: string;
  customerId: string;
  billingAccountId: string | null;
  orderId: string | null;
  family: string | null;
  serviceNumber: string | null;
  currency: string | null;
  status: 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN' | 'REGISTERED';
  changes: SubscriptionChange[];
  updatedAt: Date;
}

const schema = new Schema<SubscriptionDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    installedProductId: { type: String, required: true },
    customerId: { type: String, required: true },
    billingAccountId: { type: String, default: null },
    orderId: { type: String, default: null },
    family: { type: String, default: null },
    serviceNumber: { type: String, default: null },
    currency: { type: String, default: null },
    status: { type: String, default: 'REGISTERED' },
    changes: {
      type: [
        new Schema<SubscriptionChange>(
          {
            eventId: String,
            change: String,
            effectiveDate: String,
            planCode: String,
            monthlyFeeMinor: Number,
            billing: String,
            wholePartMinor: { type: Number, default: null },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    updatedAt: Date,
  },
  { collection: 'subscriptions', versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, billingAccountId: 1, _id: 1 });
schema.index({ tenantId: 1, customerId: 1 });
// InstalledProduct.billedProduct: by the product id, batched.
schema.index({ tenantId: 1, installedProductId: 1 });
// The reconciliation report: the tenant's ACTIVE / SUSPENDED billed products.
schema.index({ tenantId: 1, status: 1 });

/** The mirror's document id: the product id scoped by the tenant (ids come from events; ids of different tenants may coincide). */
export const mirrorIdOf = (tenantId: string, installedProductId: string): string => `${tenantId}|${installedProductId}`;

export type SubscriptionModel = Model<SubscriptionDoc>;
export const subscriptionModel = (conn: Connection): SubscriptionModel => conn.model<SubscriptionDoc>('Subscription', schema);
