import { authorize, badInput, conflict, newEnvelope, newId, toMinorUnits } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import type { BillingAccountDoc } from '../../store/billing-account.model';
import { policy } from '../../policy';
import { decidePromise, nextFollowUp } from '../../domain/payment-promise';
import { calendarDate } from '../../domain/period';
import { balanceOf } from '../../domain/ledger';
import { ledgerOf } from '../../application/account-ledger';

export const recordPaymentPromise =
  (deps: ResolverDeps): MutationResolvers['recordPaymentPromise'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordPaymentPromise', principal);
    const account = await deps.accounts.findOne({ _id: input.billingAccountId, tenantId: principal.tenantId }).lean<BillingAccountDoc>();
    if (!account) throw badInput(`billing account ${input.billingAccountId} not found`, 'billingAccountId');
    const snapshot = await deps.tenantPolicy.policyFor(principal.tenantId);
    const now = new Date();
    const today = calendarDate(now, snapshot.timeZone);
    const promise = decidePromise({ promisedDate: input.promisedDate, amountMinor: toMinorUnits(input.amount, account.currency), note: input.note ?? null }, today);
    if (balanceOf(ledgerOf(account)) <= 0) throw badInput('the account has no debt to promise', 'billingAccountId');
    if (await deps.promises.exists({ tenantId: principal.tenantId, billingAccountId: account._id, status: 'PENDING' })) {
      throw conflict(`billing account ${account._id} already has a pending payment promise`);
    }
    const id = newId('ppr');
    const followUpDate = nextFollowUp(today, promise.promisedDate, snapshot.policy.paymentPromiseFollowUpDays);
    const created = await deps.promises.create({
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
    deps.published();
    return { paymentPromise: created.toObject() };
  };
