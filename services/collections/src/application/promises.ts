import {
  badInput,
  businessNow,
  conflict,
  DomainError,
  findOneById,
  createWithEvents,
  newEnvelope,
  notFound,
  type Principal,
  runCommand,
  SYSTEM_RETRY,
  toMinorUnits,
  type TenantPolicyReadModel,
} from '@vinculo/common';
import type { BillingAccountModel } from '../store/billing-account.model';
import type { PaymentModel } from '../store/payment.model';
import type { PaymentPromiseDoc, PaymentPromiseModel } from '../store/payment-promise.model';
import { decidePromise, evaluatePromise, nextFollowUp } from '../domain/payment-promise';
import { calendarDate } from '../domain/period';
import { balanceOf } from '../domain/ledger';
import { nextChildId } from '../domain/one-open';
import { actorId, ledgerOf, type Actor } from './account-ledger';

/** A settled promise was settled by someone else meanwhile: their outcome stands (re-decided once). */
const SETTLE_ATTEMPTS = 2;

/**
 * R-COL-I1 an executive records the customer's payment promise on an account with debt. One pending
 * promise per account: the id counts the account's earlier promises, so a concurrent recording collides
 * on it (CONFLICT).
 */
export async function recordPaymentPromise(
  s: { accounts: BillingAccountModel; promises: PaymentPromiseModel; tenantPolicy: TenantPolicyReadModel; published: () => void },
  principal: Principal,
  input: { billingAccountId: string; promisedDate: string; amount: string; note?: string | null },
): Promise<PaymentPromiseDoc> {
  const account = await findOneById(s.accounts, principal.tenantId, input.billingAccountId);
  if (!account) throw notFound('BillingAccount', input.billingAccountId);
  const snapshot = await s.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const today = calendarDate(now, snapshot.timeZone);
  const promise = decidePromise(
    { promisedDate: input.promisedDate, amountMinor: toMinorUnits(input.amount, account.currency), note: input.note ?? null },
    today,
  );
  if (balanceOf(ledgerOf(account)) <= 0) throw badInput('the account has no debt to promise', 'billingAccountId');
  const earlier = await s.promises.find({ tenantId: principal.tenantId, billingAccountId: account._id }, { status: 1 }).lean();
  const alreadyPending = () => conflict(`billing account ${account.accountNumber} already has a PENDING payment promise`);
  if (earlier.some((p) => p.status === 'PENDING')) throw alreadyPending();
  const id = nextChildId('ppr', principal.tenantId, account._id, earlier.length);
  const followUpDate = nextFollowUp(today, promise.promisedDate, snapshot.policy.paymentPromiseFollowUpDays);
  return createWithEvents(
    s.promises,
    {
      _id: id,
      tenantId: principal.tenantId,
      billingAccountId: account._id,
      customerId: account.customerId,
      promisedDate: promise.promisedDate,
      amountMinor: promise.amountMinor,
      currency: account.currency,
      note: promise.note,
      status: 'PENDING',
      paidMinor: 0,
      madeOn: today,
      followUpDate,
      recordedBy: principal.userId,
      createdAt: now,
      history: [{ from: null, to: 'PENDING', by: principal.userId, at: now, note: promise.note }],
    },
    [
      newEnvelope(
        'collections',
        principal,
        {
          type: 'collections.PaymentPromiseMade',
          subject: id,
          data: {
            promiseId: id,
            billingAccountId: account._id,
            customerId: account.customerId,
            promisedDate: promise.promisedDate,
            amount: promise.amountMinor,
            currency: account.currency,
            followUpDate,
          },
        },
        now,
      ),
    ],
    {
      published: s.published,
      onDuplicate: () => {
        throw alreadyPending();
      },
    },
  );
}

/**
 * R-COL-I1 evaluate the pending promises (of one account, or of the tenant) as of `at`: KEPT when
 * paid, BROKEN when the date passed. Run after each payment and by the due-date job. Each outcome is
 * one versioned write with collections.PaymentPromiseEvaluated (kit runCommand); a promise someone
 * else settled meanwhile is left as they settled it.
 */
export async function evaluatePromises(
  stores: { promises: PaymentPromiseModel; payments: PaymentModel; tenantPolicy: TenantPolicyReadModel; published?: () => void },
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
    .find(
      { tenantId: who.tenantId, billingAccountId: { $in: [...new Set(pending.map((p) => p.billingAccountId))] }, receivedAt: { $gte: since } },
      { billingAccountId: 1, receivedAt: 1, amountMinor: 1 },
    )
    .lean();
  const paidOn = (p: PaymentPromiseDoc) =>
    payments
      .filter((x) => x.billingAccountId === p.billingAccountId && x.receivedAt >= p.createdAt && calendarDate(x.receivedAt, timeZone) <= p.promisedDate)
      .reduce((sum, x) => sum + x.amountMinor, 0);
  for (const p of pending) {
    if (!evaluatePromise(p, paidOn(p), today)) continue;
    const { doc, changed } = await runCommand({
      model: stores.promises,
      what: 'PaymentPromise',
      tenantId: who.tenantId,
      id: p._id,
      concurrency: { retry: SETTLE_ATTEMPTS },
      published: stores.published,
      decide: (current) => {
        const paidMinor = paidOn(current);
        const outcome = evaluatePromise(current, paidMinor, today);
        if (!outcome) return null;
        return {
          update: {
            $set: { status: outcome, paidMinor },
            $push: { history: { from: 'PENDING', to: outcome, by: actorId(who), at, note: `paid ${paidMinor} of ${current.amountMinor} (R-COL-I1)` } },
          },
          events: [
            newEnvelope(
              'collections',
              who,
              {
                type: 'collections.PaymentPromiseEvaluated',
                subject: current._id,
                data: {
                  promiseId: current._id,
                  billingAccountId: current.billingAccountId,
                  customerId: current.customerId,
                  outcome,
                  promisedDate: current.promisedDate,
                  amount: current.amountMinor,
                  paid: paidMinor,
                  currency: current.currency,
                },
              },
              at,
            ),
          ],
        };
      },
    });
    if (changed) settled.push(doc);
  }
  return settled;
}

/**
 * R-COL-I1 a collection call moves its account's pending promise's next follow-up on (never back, see
 * followUpAfterCall). Done right after the call is stored AND by collections' own consumer of
 * CollectionCallRecorded (published from the call's outbox), so a process dying between the call's
 * write and this one loses nothing; repeating it changes nothing (the date only moves forward).
 */
export async function moveFollowUp(
  promises: PaymentPromiseModel,
  tenantId: string,
  promiseId: string,
  nextFollowUpDate: string,
): Promise<PaymentPromiseDoc | null> {
  try {
    const { doc } = await runCommand({
      model: promises,
      what: 'PaymentPromise',
      tenantId,
      id: promiseId,
      concurrency: SYSTEM_RETRY,
      decide: (p) =>
        p.status === 'PENDING' && p.followUpDate < nextFollowUpDate ? { update: { $set: { followUpDate: nextFollowUpDate } }, events: [] } : null,
    });
    return doc;
  } catch (err) {
    // The call names a promise of its own account, and promises are never removed: nothing to move.
    if (err instanceof DomainError && err.kind === 'not_found') return null;
    throw err;
  }
}
