import { DomainError, newEnvelope, updateVersioned, type TenantPolicyReadModel } from '@vinculo/common';
import type { PaymentModel } from '../store/payment.model';
import type { PaymentPromiseDoc, PaymentPromiseModel } from '../store/payment-promise.model';
import { evaluatePromise } from '../domain/payment-promise';
import { calendarDate } from '../domain/period';
import { actorId, type Actor } from './account-ledger';

/**
 * R-COL-I1 evaluate the pending promises (of one account, or of the tenant) as of `at`: KEPT when
 * paid, BROKEN when the date passed. Run after each payment and by the due-date job. Each outcome is
 * one versioned write with collections.PaymentPromiseEvaluated.
 */
export async function evaluatePromises(
  stores: { promises: PaymentPromiseModel; payments: PaymentModel; tenantPolicy: TenantPolicyReadModel },
  who: Actor,
  at: Date,
  billingAccountId?: string,
): Promise<PaymentPromiseDoc[]> {
  const { timeZone } = await stores.tenantPolicy.policyFor(who.tenantId);
  const today = calendarDate(at, timeZone);
  const pending = await stores.promises
    .find({ tenantId: who.tenantId, status: 'PENDING', ...(billingAccountId ? { billingAccountId } : {}) })
    .sort({ _id: 1 })
    .lean<PaymentPromiseDoc[]>();
  const settled: PaymentPromiseDoc[] = [];
  if (pending.length === 0) return settled;
  // The payments of all these accounts since the oldest promise, in one query (not one per promise).
  const since = new Date(Math.min(...pending.map((p) => p.createdAt.getTime())));
  const payments = await stores.payments
    .find({ tenantId: who.tenantId, billingAccountId: { $in: [...new Set(pending.map((p) => p.billingAccountId))] }, receivedAt: { $gte: since } }, { billingAccountId: 1, receivedAt: 1, amountMinor: 1 })
    .lean();
  for (const p of pending) {
    const paidMinor = payments
      .filter((x) => x.billingAccountId === p.billingAccountId && x.receivedAt >= p.createdAt && calendarDate(x.receivedAt, timeZone) <= p.promisedDate)
      .reduce((s, x) => s + x.amountMinor, 0);
    const outcome = evaluatePromise(p, paidMinor, today);
    if (!outcome) continue;
    const event = newEnvelope('collections', who, {
      type: 'collections.PaymentPromiseEvaluated',
      subject: p._id,
      data: { promiseId: p._id, billingAccountId: p.billingAccountId, customerId: p.customerId, outcome, promisedDate: p.promisedDate, amount: p.amountMinor, paid: paidMinor, currency: p.currency },
    }, at);
    try {
      settled.push(
        await updateVersioned(stores.promises, { _id: p._id, tenantId: who.tenantId }, p.version, {
          $set: { status: outcome, paidMinor },
          $push: { history: { from: 'PENDING', to: outcome, by: actorId(who), at, note: `paid ${paidMinor} of ${p.amountMinor} (R-COL-I1)` } },
        }, [event]),
      );
    } catch (err) {
      // Someone else settled it meanwhile: their outcome stands.
      if (!(err instanceof DomainError && err.kind === 'stale_version')) throw err;
    }
  }
  return settled;
}

/**
 * R-COL-I1 a collection call moves its account's pending promise's next follow-up on (never back, see
 * followUpAfterCall). Done right after the call is stored AND by collections' own consumer of
 * CollectionCallRecorded (published from the call's outbox), so a process dying between the call's
 * write and this one loses nothing; repeating it changes nothing (the date only moves forward).
 */
export async function moveFollowUp(promises: PaymentPromiseModel, tenantId: string, promiseId: string, nextFollowUpDate: string): Promise<void> {
  await promises.updateOne({ _id: promiseId, tenantId, status: 'PENDING', followUpDate: { $lt: nextFollowUpDate } }, { $set: { followUpDate: nextFollowUpDate }, $inc: { version: 1 } });
}
