import { authorize, badInput, businessNow, findOneById, newEnvelope, newId, requireScope } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import type { PaymentPromiseDoc } from '../../store/payment-promise.model';
import type { InvoiceLineKind } from '../../domain/invoice';
import { policy } from '../../policy';
import { followUpAfterCall, validChannel, validNote, validOutcome } from '../../domain/overdue-management';
import { calendarDate } from '../../domain/period';
import { importInvoice as runImport } from '../../application/invoice-import';
import { moveFollowUp } from '../../application/promises';

/** §3 I: a pro-forma invoice sent to the customer, an interaction on the customer's timeline. */
export const recordInvoiceDelivery =
  (deps: ResolverDeps): MutationResolvers['recordInvoiceDelivery'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordInvoiceDelivery', principal);
    const channel = validChannel(input.channel);
    const note = validNote(input.note);
    const invoice = await findOneById(deps.invoices, principal.tenantId, input.invoiceId);
    if (!invoice) throw badInput(`invoice ${input.invoiceId} not found`, 'invoiceId');
    const id = newId('idl');
    const now = businessNow(principal.tenantId);
    const created = await deps.deliveries.create({
      _id: id, tenantId: principal.tenantId, invoiceId: invoice._id, billingAccountId: invoice.billingAccountId, customerId: invoice.customerId,
      channel, note, deliveredBy: principal.userId, deliveredAt: now,
      outbox: [
        newEnvelope('collections', principal, {
          type: 'collections.InvoiceDelivered',
          subject: id,
          data: { deliveryId: id, invoiceId: invoice._id, number: invoice.number, billingAccountId: invoice.billingAccountId, customerId: invoice.customerId, channel, note, deliveredAt: now.toISOString() },
        }, now),
      ],
    });
    // The invoice leaves invoicesToDeliver (issue #15); a later delivery keeps the first date.
    await deps.invoices.updateOne({ _id: invoice._id, tenantId: principal.tenantId, firstDeliveredAt: null }, { $set: { firstDeliveredAt: now } });
    deps.published();
    return { delivery: created.toObject(), invoice: { ...invoice, firstDeliveredAt: invoice.firstDeliveredAt ?? now } };
  };

/**
 * §3 I collection call by protocol; R-COL-I1 it follows up the account's pending promise, whose next
 * follow-up moves on (the call's event is stored with the call; moving the follow-up date is repeated
 * by collections' own consumer of that event, so a crash between the two writes loses nothing).
 */
export const recordCollectionCall =
  (deps: ResolverDeps): MutationResolvers['recordCollectionCall'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordCollectionCall', principal);
    const outcome = validOutcome(input.outcome);
    const note = validNote(input.note);
    const account = await findOneById(deps.accounts, principal.tenantId, input.billingAccountId);
    if (!account) throw badInput(`billing account ${input.billingAccountId} not found`, 'billingAccountId');
    const snapshot = await deps.tenantPolicy.policyFor(principal.tenantId);
    const now = businessNow(principal.tenantId);
    const today = calendarDate(now, snapshot.timeZone);
    const pending = await deps.promises.findOne({ tenantId: principal.tenantId, billingAccountId: account._id, status: 'PENDING' }).lean<PaymentPromiseDoc>();
    const nextFollowUpDate = pending ? followUpAfterCall(pending, today, snapshot.policy.paymentPromiseFollowUpDays) : null;
    const id = newId('ccl');
    const created = await deps.calls.create({
      _id: id, tenantId: principal.tenantId, billingAccountId: account._id, customerId: account.customerId, outcome, note,
      promiseId: pending?._id ?? null, calledBy: principal.userId, calledAt: now,
      outbox: [
        newEnvelope('collections', principal, {
          type: 'collections.CollectionCallRecorded',
          subject: id,
          data: { callId: id, billingAccountId: account._id, customerId: account.customerId, outcome, note, promiseId: pending?._id ?? null, nextFollowUpDate, calledAt: now.toISOString() },
        }, now),
      ],
    });
    let promise: PaymentPromiseDoc | null = pending;
    if (pending && nextFollowUpDate) {
      await moveFollowUp(deps.promises, principal.tenantId, pending._id, nextFollowUpDate);
      promise = await findOneById(deps.promises, principal.tenantId, pending._id);
    }
    deps.published();
    return { call: created.toObject(), paymentPromise: promise };
  };

/** Integration partner (billing:write): an invoice from the external billing system, idempotent by externalId. */
export const importInvoice =
  (deps: ResolverDeps): MutationResolvers['importInvoice'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'importInvoice', principal);
    requireScope(principal, 'billing:write');
    const result = await runImport(deps, principal, {
      billingAccountId: input.billingAccountId,
      externalId: input.externalId,
      period: input.period,
      dueDate: input.dueDate,
      issuedAt: input.issuedAt ?? null,
      total: input.total,
      lines: input.lines.map((l) => ({ kind: l.kind as InvoiceLineKind, description: l.description, amount: l.amount, installedProductId: l.installedProductId ?? null })),
    });
    deps.published();
    return result;
  };
