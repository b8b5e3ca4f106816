import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey, type EventHandler } from '@vinculo/common';
import type { CustomerStanding } from '../domain/suspension';

/**
 * The "account up to date" read model behind R-PS-D1 (collection `customer_standing`): the customer's
 * overdue billing accounts from collections.AccountStandingChanged, the source of truth for debt, in
 * order per account (the event's key). customers.EligibilityChanged is not read: its OVERDUE_DEBT
 * reason is derived from the same events and arrives later, so mixing both lets a stale derivative
 * override a fresh payment (an account paid, then "overdue" again from the lagging derivative).
 *
 * collections publishes a standing only when it changes (a new account starts UP_TO_DATE without an
 * event), so customers.CustomerRegistered is what makes a customer known here: a registered customer
 * has no account yet, hence none overdue. The entry it stores never overwrites standings already
 * applied. A customer with no entry is unknown (`standingOf` → null), which R-PS-D1 refuses.
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

  const accountStanding: EventHandler<'collections.AccountStandingChanged'> = async (e) => {
    const { billingAccountId, customerId, standing } = e.data;
    // $addToSet / $pull: applying the same event twice has one effect.
    const change = standing === 'OVERDUE' ? { $addToSet: { overdueAccounts: billingAccountId } } : { $pull: { overdueAccounts: billingAccountId } };
    await model.updateOne(
      key(e.tenantId, customerId),
      { ...change, $set: { tenantId: e.tenantId, customerId, updatedAt: new Date(e.time) } },
      { upsert: true },
    );
  };

  const registered: EventHandler<'customers.CustomerRegistered'> = async (e) => {
    const { customerId } = e.data;
    try {
      await model.updateOne(
        key(e.tenantId, customerId),
        { $setOnInsert: { tenantId: e.tenantId, customerId, overdueAccounts: [], updatedAt: new Date(e.time) } },
        { upsert: true },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // a standing stored it first: known either way
    }
  };

  return {
    model,
    handlers: { 'collections.AccountStandingChanged': accountStanding },
    /** customers.CustomerRegistered (wired with the directory's handler of that event in subgraph.ts). */
    registered,
    /** The customer's overdue accounts; null while post-sale has not heard of the customer. */
    async standingOf(tenantId: string, customerId: string): Promise<CustomerStanding | null> {
      const entry = await model.findOne(key(tenantId, customerId)).lean<CustomerStandingDoc>();
      // An entry first created by an UP_TO_DATE standing (a $pull upsert) has no list yet: none overdue.
      return entry ? { overdueAccounts: entry.overdueAccounts ?? [] } : null;
    },
  };
}
export type CustomerStandingReadModel = ReturnType<typeof customerStandingReadModel>;
