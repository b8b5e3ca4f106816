import { authorize, badInput, businessNow, conflict, findOneById, isDuplicateKey, newEnvelope, toMinorUnits } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decidePromise, nextFollowUp } from '../../domain/payment-promise';
import { calendarDate } from '../../domain/period';
import { balanceOf } from '../../domain/ledger';
import { ledgerOf } from '../../application/account-ledger';
import { nextChildId } from '../../domain/one-open';

export const recordPaymentPromise =
  (deps: ResolverDeps): MutationResolvers['recordPaymentPromise'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordPaymentPromise', principal);
    const account = await findOneById(deps.accounts, principal.tenantId, input.billingAccountId);
    if (!account) throw badInput(`billing account ${input.billingAccountId} not found`, 'billingAccountId');
    const snapshot = await deps.tenantPolicy.policyFor(principal.tenantId);
    const now = businessNow(principal.tenantId);
    const today = calendarDate(now, snapshot.timeZone);
    const promise = decidePromise({ promisedDate: input.promisedDate, amountMinor: toMinorUnits(input.amount, account.currency), note: input.note ?? null }, today);
    if (balanceOf(ledgerOf(account)) <= 0) throw badInput('the account has no debt to promise', 'billingAccountId');
    // One pending promise per account: the id counts the account's earlier promises, so a concurrent
    // recording collides on it.
    const earlier = await deps.promises.find({ tenantId: principal.tenantId, billingAccountId: account._id }, { status: 1 }).lean();
    const alreadyPending = () => conflict(`billing account ${account.accountNumber} already has a PENDING payment promise`);
    if (earlier.some((p) => p.status === 'PENDING')) throw alreadyPending();
    const id = nextChildId('ppr', principal.tenantId, account._id, earlier.length);
    const followUpDate = nextFollowUp(today, promise.promisedDate, snapshot.policy.paymentPromiseFollowUpDays);
    let created;
    try {
      created = await deps.promises.create({
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
        outbox: [
          newEnvelope('collections', principal, {
            type: 'collections.PaymentPromiseMade',
            subject: id,
            data: { promiseId: id, billingAccountId: account._id, customerId: account.customerId, promisedDate: promise.promisedDate, amount: promise.amountMinor, currency: account.currency, followUpDate },
          }, now),
        ],
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw alreadyPending();
      throw err;
    }
    deps.published();
    return { paymentPromise: created.toObject() };
  };
