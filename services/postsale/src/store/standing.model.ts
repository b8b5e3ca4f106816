import { Schema, type Connection, type Model } from 'mongoose';
import type { EventEnvelope, EventHandler } from '@vinculo/common';
import type { CustomerStanding } from '../domain/suspension';

/**
 * The "account up to date" read model behind R-PS-D1 (collection `customer_standing`): the customer's
 * overdue billing accounts from collections.AccountStandingChanged, the source of truth for debt, in
 * order per account (the event's key). customers.EligibilityChanged is not read: its OVERDUE_DEBT
 * reason is derived from the same events and arrives later, so mixing both lets a stale derivative
 * override a fresh payment (an account paid, then "overdue" again from the lagging derivative).
 */
export interface CustomerStandingDoc extends CustomerStanding {
  /** `<tenantId>:<customerId>`. */
  _id: string;
  tenantId: string;
  customerId: string;
  updatedAt: Date;
}

const schema = new Schema<CustomerStandingDoc>(
  { _id: String, tenantId: String, customerId: String, overdueAccounts: { type: [String], default: [] }, updatedAt: Date },
  { collection: 'customer_standing', versionKey: false },
);

export function customerStandingReadModel(conn: Connection) {
  const model: Model<CustomerStandingDoc> = conn.model<CustomerStandingDoc>('CustomerStanding', schema);
  const key = (tenantId: string, customerId: string) => ({ _id: `${tenantId}:${customerId}` });

  const accountStanding: EventHandler = async (e: EventEnvelope<{ billingAccountId: string; customerId: string; standing: 'UP_TO_DATE' | 'OVERDUE' }>) => {
    const { billingAccountId, customerId, standing } = e.data;
    // $addToSet / $pull: applying the same event twice has one effect.
    const change = standing === 'OVERDUE' ? { $addToSet: { overdueAccounts: billingAccountId } } : { $pull: { overdueAccounts: billingAccountId } };
    await model.updateOne(key(e.tenantId, customerId), { ...change, $set: { tenantId: e.tenantId, customerId, updatedAt: new Date(e.time) } }, { upsert: true });
  };

  return {
    model,
    handlers: { 'collections.AccountStandingChanged': accountStanding } as Record<string, EventHandler>,
    async standingOf(tenantId: string, customerId: string): Promise<CustomerStanding | null> {
      return model.findOne(key(tenantId, customerId)).lean<CustomerStandingDoc>();
    },
  };
}
export type CustomerStandingReadModel = ReturnType<typeof customerStandingReadModel>;
