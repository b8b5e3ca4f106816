import { Schema, type Connection, type Model } from 'mongoose';
import type { EventEnvelope, EventHandler } from '@vinculo/common';
import type { CustomerStanding } from '../domain/suspension';

/**
 * The "account up to date" read model behind R-PS-D1 (collection `customer_standing`): the customer's
 * overdue billing accounts from collections.AccountStandingChanged, and the OVERDUE_DEBT reason of
 * customers.EligibilityChanged. Either one marks the customer as owing.
 */
export interface CustomerStandingDoc extends CustomerStanding {
  /** `<tenantId>:<customerId>`. */
  _id: string;
  tenantId: string;
  customerId: string;
  updatedAt: Date;
}

const schema = new Schema<CustomerStandingDoc>(
  { _id: String, tenantId: String, customerId: String, overdueAccounts: { type: [String], default: [] }, eligibilityOverdue: { type: Boolean, default: false }, updatedAt: Date },
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
  const eligibility: EventHandler = async (e: EventEnvelope<{ customerId: string; reasons: { kind: string }[] }>) => {
    const overdue = e.data.reasons.some((r) => r.kind === 'OVERDUE_DEBT');
    await model.updateOne(
      key(e.tenantId, e.data.customerId),
      { $set: { tenantId: e.tenantId, customerId: e.data.customerId, eligibilityOverdue: overdue, updatedAt: new Date(e.time) } },
      { upsert: true },
    );
  };

  return {
    model,
    handlers: { 'collections.AccountStandingChanged': accountStanding, 'customers.EligibilityChanged': eligibility } as Record<string, EventHandler>,
    async standingOf(tenantId: string, customerId: string): Promise<CustomerStanding | null> {
      return model.findOne(key(tenantId, customerId)).lean<CustomerStandingDoc>();
    },
  };
}
export type CustomerStandingReadModel = ReturnType<typeof customerStandingReadModel>;
