import { businessNow, createWithEvents, findOneById, newEnvelope, newId, notFound, type Principal, type TenantPolicyReadModel } from '@vinculo/common';
import type { BillingAccountModel } from '../store/billing-account.model';
import type { InvoiceDoc, InvoiceModel } from '../store/invoice.model';
import type { PaymentPromiseDoc, PaymentPromiseModel } from '../store/payment-promise.model';
import type { CollectionCallDoc, CollectionCallModel, InvoiceDeliveryDoc, InvoiceDeliveryModel } from '../store/collection-activity.model';
import { followUpAfterCall, validChannel, validNote, validOutcome } from '../domain/overdue-management';
import { calendarDate } from '../domain/period';
import { moveFollowUp } from './promises';

/** §3 I: a pro-forma invoice sent to the customer, an interaction on the customer's timeline. */
export async function recordInvoiceDelivery(
  s: { invoices: InvoiceModel; deliveries: InvoiceDeliveryModel; published: () => void },
  principal: Principal,
  input: { invoiceId: string; channel: string; note?: string | null },
): Promise<{ delivery: InvoiceDeliveryDoc; invoice: InvoiceDoc }> {
  const channel = validChannel(input.channel);
  const note = validNote(input.note);
  const invoice = await findOneById(s.invoices, principal.tenantId, input.invoiceId);
  if (!invoice) throw notFound('Invoice', input.invoiceId);
  const id = newId('idl');
  const now = businessNow(principal.tenantId);
  const created = await createWithEvents(
    s.deliveries,
    {
      _id: id,
      tenantId: principal.tenantId,
      invoiceId: invoice._id,
      billingAccountId: invoice.billingAccountId,
      customerId: invoice.customerId,
      channel,
      note,
      deliveredBy: principal.userId,
      deliveredAt: now,
    },
    [
      newEnvelope(
        'collections',
        principal,
        {
          type: 'collections.InvoiceDelivered',
          subject: id,
          data: {
            deliveryId: id,
            invoiceId: invoice._id,
            number: invoice.number,
            billingAccountId: invoice.billingAccountId,
            customerId: invoice.customerId,
            channel,
            note,
            deliveredAt: now.toISOString(),
          },
        },
        now,
      ),
    ],
    { published: s.published },
  );
  // The invoice leaves invoicesToDeliver (issue #15); a later delivery keeps the first date.
  await s.invoices.updateOne({ _id: invoice._id, tenantId: principal.tenantId, firstDeliveredAt: null }, { $set: { firstDeliveredAt: now } });
  return { delivery: created, invoice: { ...invoice, firstDeliveredAt: invoice.firstDeliveredAt ?? now } };
}

/**
 * §3 I collection call by protocol; R-COL-I1 it follows up the account's pending promise, whose next
 * follow-up moves on (the call's event is stored with the call; moving the follow-up date is repeated
 * by collections' own consumer of that event, so a crash between the two writes loses nothing).
 */
export async function recordCollectionCall(
  s: { accounts: BillingAccountModel; promises: PaymentPromiseModel; calls: CollectionCallModel; tenantPolicy: TenantPolicyReadModel; published: () => void },
  principal: Principal,
  input: { billingAccountId: string; outcome: string; note?: string | null },
): Promise<{ call: CollectionCallDoc; paymentPromise: PaymentPromiseDoc | null }> {
  const outcome = validOutcome(input.outcome);
  const note = validNote(input.note);
  const account = await findOneById(s.accounts, principal.tenantId, input.billingAccountId);
  if (!account) throw notFound('BillingAccount', input.billingAccountId);
  const snapshot = await s.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const today = calendarDate(now, snapshot.timeZone);
  const pending = await s.promises.findOne({ tenantId: principal.tenantId, billingAccountId: account._id, status: 'PENDING' }).lean<PaymentPromiseDoc>();
  const nextFollowUpDate = pending ? followUpAfterCall(pending, today, snapshot.policy.paymentPromiseFollowUpDays) : null;
  const id = newId('ccl');
  const created = await createWithEvents(
    s.calls,
    {
      _id: id,
      tenantId: principal.tenantId,
      billingAccountId: account._id,
      customerId: account.customerId,
      outcome,
      note,
      promiseId: pending?._id ?? null,
      calledBy: principal.userId,
      calledAt: now,
    },
    [
      newEnvelope(
        'collections',
        principal,
        {
          type: 'collections.CollectionCallRecorded',
          subject: id,
          data: {
            callId: id,
            billingAccountId: account._id,
            customerId: account.customerId,
            outcome,
            note,
            promiseId: pending?._id ?? null,
            nextFollowUpDate,
            calledAt: now.toISOString(),
          },
        },
        now,
      ),
    ],
    { published: s.published },
  );
  const promise = pending && nextFollowUpDate ? await moveFollowUp(s.promises, principal.tenantId, pending._id, nextFollowUpDate) : pending;
  return { call: created, paymentPromise: promise };
}
