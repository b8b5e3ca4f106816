import {
  badInput,
  businessNow,
  conflict,
  findOneById,
  isDuplicateKey,
  newEnvelope,
  newId,
  notFound,
  type TenantPolicyReadModel,
  toMinorUnits,
} from '@vinculo/common';
import type { BillingAccountDoc, BillingAccountModel } from '../store/billing-account.model';
import type { PaymentChannel, PaymentDoc, PaymentModel } from '../store/payment.model';
import { applyPayment } from '../domain/ledger';
import { calendarDate } from '../domain/period';
import { changeAccountLedger, ledgerOf, type Actor } from './account-ledger';

/**
 * A RECEIVED payment older than this was left by a process that died between storing and applying it
 * (registration takes milliseconds); resubmitting its reference then completes it.
 */
export const ORPHAN_AFTER_MS = 30_000;

export interface PaymentInput {
  billingAccountId: string;
  amount: string;
  channel: PaymentChannel;
  externalReference: string;
  receivedAt?: Date | null;
}

/**
 * Register a payment: the unique (tenant, external reference) index decides between concurrent
 * submissions (the loser gets CONFLICT and nothing is applied); the winner is allocated oldest
 * invoice first on the account's ledger, the excess becoming credit (never a negative invoice).
 */
export async function registerPayment(
  stores: { accounts: BillingAccountModel; payments: PaymentModel; tenantPolicy: TenantPolicyReadModel },
  who: Actor & { userId: string },
  input: PaymentInput,
  now = businessNow(who.tenantId),
): Promise<{ payment: PaymentDoc; account: BillingAccountDoc }> {
  const externalReference = input.externalReference.trim();
  if (externalReference.length < 1 || externalReference.length > 100) throw badInput('externalReference must have 1 to 100 characters', 'externalReference');
  const account = await findOneById(stores.accounts, who.tenantId, input.billingAccountId);
  if (!account) throw notFound('BillingAccount', input.billingAccountId);
  const amountMinor = toMinorUnits(input.amount, account.currency);
  if (amountMinor <= 0) throw badInput('amount must be positive', 'amount');
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw badInput('receivedAt must not be in the future', 'receivedAt');
  const payment: PaymentDoc = {
    _id: newId('pay'),
    tenantId: who.tenantId,
    billingAccountId: account._id,
    customerId: account.customerId,
    channel: input.channel,
    externalReference,
    amountMinor,
    currency: account.currency,
    receivedAt,
    registeredBy: who.userId,
    registeredAt: now,
    status: 'RECEIVED',
    allocations: [],
    creditAddedMinor: 0,
  };
  try {
    await stores.payments.create(payment);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // A resubmission of a payment whose registering process died before applying it completes it
    // (the ledger step is idempotent); any other duplicate reference is a CONFLICT.
    const orphan = await stores.payments.findOne({ tenantId: who.tenantId, externalReference }).lean<PaymentDoc>();
    if (!orphan || !isOrphaned(orphan, account._id, amountMinor, now)) {
      throw conflict(`a payment with external reference ${externalReference} was already registered`, { field: 'externalReference' });
    }
    return applyStoredPayment(stores, who, orphan, now);
  }
  return applyStoredPayment(stores, who, payment, now);
}

/** Orphaned: still RECEIVED well after it was stored, for the same account and amount. */
function isOrphaned(p: PaymentDoc, accountId: string, amountMinor: number, now: Date): boolean {
  const storedAt = (p.registeredAt ?? p.receivedAt).getTime();
  return p.status === 'RECEIVED' && p.billingAccountId === accountId && p.amountMinor === amountMinor && now.getTime() - storedAt > ORPHAN_AFTER_MS;
}

/** Allocate a stored payment on its account's ledger (once: the account records applied payment ids), then mark it APPLIED. */
async function applyStoredPayment(
  stores: { accounts: BillingAccountModel; payments: PaymentModel; tenantPolicy: TenantPolicyReadModel },
  who: Actor,
  payment: PaymentDoc,
  now: Date,
): Promise<{ payment: PaymentDoc; account: BillingAccountDoc }> {
  const { amountMinor, externalReference, receivedAt } = payment;
  const account = { _id: payment.billingAccountId };
  const snapshot = await stores.tenantPolicy.policyFor(who.tenantId);
  const { account: updated } = await changeAccountLedger(
    stores.accounts,
    who,
    account._id,
    calendarDate(now, snapshot.timeZone),
    snapshot.policy.overdueAfterDays,
    (acc) => {
      if ((acc.appliedPaymentIds ?? []).includes(payment._id)) return null;
      const allocation = applyPayment(ledgerOf(acc), amountMinor);
      const allocations = allocation.allocations.map((a) => ({ invoiceId: a.invoiceId, amountMinor: a.amountMinor }));
      return {
        ledger: allocation.ledger,
        update: {
          $push: { appliedPaymentIds: payment._id, paymentAllocations: { paymentId: payment._id, allocations, creditAddedMinor: allocation.creditAddedMinor } },
        },
        events: [
          newEnvelope(
            'collections',
            who,
            {
              type: 'collections.PaymentReceived',
              subject: acc._id,
              data: {
                paymentId: payment._id,
                billingAccountId: acc._id,
                customerId: acc.customerId,
                channel: payment.channel,
                externalReference,
                amount: amountMinor,
                currency: acc.currency,
                receivedAt: receivedAt.toISOString(),
                allocations: allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amountMinor })),
                creditAdded: allocation.creditAddedMinor,
              },
            },
            now,
          ),
        ],
      };
    },
    now,
  );
  // From the account, whether applied just now or by a process that died before marking the payment.
  const applied = (updated.paymentAllocations ?? []).find((a) => a.paymentId === payment._id);
  const stored = await stores.payments
    .findOneAndUpdate(
      { _id: payment._id, tenantId: who.tenantId },
      { $set: { status: 'APPLIED', allocations: applied?.allocations ?? [], creditAddedMinor: applied?.creditAddedMinor ?? 0 } },
      { new: true },
    )
    .lean<PaymentDoc>();
  return { payment: stored ?? payment, account: updated };
}

/**
 * Payments a dead process left RECEIVED (stored, never applied) are completed by the daily standings
 * job too, so a payment nobody resubmits is not stuck: applying is idempotent (the account records the
 * payment id in the same write), the age threshold keeps the job off payments being registered right now.
 */
export async function completeOrphanedPayments(
  stores: { accounts: BillingAccountModel; payments: PaymentModel; tenantPolicy: TenantPolicyReadModel },
  who: Actor,
  now = businessNow(who.tenantId),
): Promise<number> {
  const orphans = await stores.payments
    .find({ tenantId: who.tenantId, status: 'RECEIVED', registeredAt: { $lt: new Date(now.getTime() - ORPHAN_AFTER_MS) } })
    .sort({ registeredAt: 1, _id: 1 })
    .lean<PaymentDoc[]>();
  for (const p of orphans) await applyStoredPayment(stores, who, p, now);
  return orphans.length;
}
