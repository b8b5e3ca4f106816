import {
  badInput,
  businessNow,
  conflict,
  type EventEnvelope,
  findOneById,
  createWithEvents,
  newEnvelope,
  notFound,
  type Principal,
  runCommand,
  toMinorUnits,
  type AttachmentReadModel,
  type TenantPolicyReadModel,
} from '@vinculo/common';
import type { UpdateQuery } from 'mongoose';
import type { BillingClaimDoc, BillingClaimModel } from '../store/billing-claim.model';
import type { InvoiceModel } from '../store/invoice.model';
import type { BillingAccountModel } from '../store/billing-account.model';
import { decideClaim, queueKeyOf, validClaimText, type ClaimCommand } from '../domain/billing-claim';
import { nextChildId } from '../domain/one-open';
import { applyClaimCredit } from './claim-credit';

/** What the billing-claim use cases work on. */
export interface ClaimStores {
  claims: BillingClaimModel;
  invoices: InvoiceModel;
  accounts: BillingAccountModel;
  attachments: AttachmentReadModel;
  tenantPolicy: TenantPolicyReadModel;
  published: () => void;
}

const ref = (c: BillingClaimDoc) => ({ claimId: c._id, invoiceId: c.invoiceId, billingAccountId: c.billingAccountId, customerId: c.customerId });

/**
 * §3 F register a billing claim on an invoice, routed to the claims unit (ASSIGNED). An open claim on
 * the invoice is followed up (urgency) or told, never registered twice: the id counts the invoice's
 * earlier claims, so a concurrent registration collides on it (CONFLICT).
 */
export async function registerBillingClaim(
  s: ClaimStores,
  principal: Principal,
  input: { invoiceId: string; description: string; evidenceAttachmentIds?: readonly string[] | null },
): Promise<BillingClaimDoc> {
  const description = validClaimText(input.description, 'description');
  const invoice = await findOneById(s.invoices, principal.tenantId, input.invoiceId);
  if (!invoice) throw notFound('Invoice', input.invoiceId);
  // Evidence counts only as files that exist and are the invoice customer's (customers.AttachmentStored).
  const evidenceIds = [...new Set(input.evidenceAttachmentIds ?? [])];
  if (evidenceIds.length > 20) throw badInput('at most 20 evidence files', 'evidenceAttachmentIds');
  const evidence = (await s.attachments.requireOfCustomer(principal.tenantId, invoice.customerId, evidenceIds)).map((a) => ({
    attachmentId: a._id,
    name: a.name,
    contentType: a.contentType,
  }));
  const earlier = await s.claims.find({ tenantId: principal.tenantId, invoiceId: invoice._id }, { status: 1 }).lean();
  const open = earlier.find((c) => c.status !== 'CLOSED');
  const alreadyOpen = () =>
    conflict(`invoice ${invoice.number} already has an open billing claim${open ? ` (${open.status})` : ''}`, open ? { claimId: open._id } : {});
  if (open) throw alreadyOpen();
  const id = nextChildId('bcl', principal.tenantId, invoice._id, earlier.length);
  const now = businessNow(principal.tenantId);
  return createWithEvents(
    s.claims,
    {
      _id: id,
      tenantId: principal.tenantId,
      invoiceId: invoice._id,
      billingAccountId: invoice.billingAccountId,
      customerId: invoice.customerId,
      currency: invoice.currency,
      invoiceTotalMinor: invoice.totalMinor,
      description,
      status: 'ASSIGNED',
      outcome: null,
      resolution: null,
      creditedMinor: 0,
      escalations: 0,
      urgent: false,
      queueKey: queueKeyOf(false, now),
      registeredBy: principal.userId,
      registeredAt: now,
      resolvedAt: null,
      history: [{ from: null, to: 'ASSIGNED', by: principal.userId, at: now, note: 'routed to the claims unit' }],
      evidence,
    },
    [
      newEnvelope(
        'collections',
        principal,
        {
          type: 'collections.BillingClaimRegistered',
          subject: id,
          data: {
            claimId: id,
            invoiceId: invoice._id,
            billingAccountId: invoice.billingAccountId,
            customerId: invoice.customerId,
            status: 'ASSIGNED',
            description,
          },
        },
        now,
      ),
    ],
    {
      published: s.published,
      onDuplicate: () => {
        throw alreadyOpen();
      },
    },
  );
}

/** The claim's update and event for what the domain decided (pure: no I/O). */
function claimChange(
  claim: BillingClaimDoc,
  cmd: ClaimCommand,
  principal: Principal,
  now: Date,
  note: string | null,
): { update: UpdateQuery<BillingClaimDoc>; events: EventEnvelope[]; creditMinor: number } {
  const d = decideClaim(claim, cmd);
  const history = { from: claim.status, to: d.to, by: principal.userId, at: now, note };
  let set: Partial<BillingClaimDoc> = { status: d.to };
  let inc: Partial<Record<'creditedMinor' | 'escalations', number>> = {};
  let event: EventEnvelope | null;
  if (d.to === 'RESOLVED') {
    set = { ...set, outcome: d.outcome, resolution: d.reason, resolvedAt: now };
    inc = { creditedMinor: d.creditMinor };
    event = newEnvelope(
      'collections',
      principal,
      {
        type: 'collections.BillingClaimResolved',
        subject: claim._id,
        data: { ...ref(claim), status: 'RESOLVED', outcome: d.outcome, reason: d.reason, creditAmount: d.creditMinor, currency: claim.currency },
      },
      now,
    );
  } else if (d.to === 'CLOSED') {
    event = null;
  } else if ('escalated' in d) {
    inc = { escalations: 1 };
    set = { ...set, urgent: true, queueKey: queueKeyOf(true, claim.registeredAt), outcome: null, resolution: null, resolvedAt: null };
    event = newEnvelope(
      'collections',
      principal,
      {
        type: 'collections.BillingClaimEscalated',
        subject: claim._id,
        data: { ...ref(claim), status: 'ASSIGNED', escalations: claim.escalations + 1, notify: ['CLAIMS_UNIT', 'SALES_TEAM_LEAD', 'DIVISION_HEAD'] },
      },
      now,
    );
  } else {
    set = { ...set, urgent: true, queueKey: queueKeyOf(true, claim.registeredAt) };
    event = newEnvelope(
      'collections',
      principal,
      { type: 'collections.BillingClaimUrgencyRequested', subject: claim._id, data: { ...ref(claim), status: 'ASSIGNED' } },
      now,
    );
  }
  return {
    update: { $set: set, ...(Object.keys(inc).length ? { $inc: inc } : {}), $push: { history } },
    events: event ? [event] : [],
    creditMinor: d.to === 'RESOLVED' ? d.creditMinor : 0,
  };
}

/**
 * One act on a claim (kit runCommand): decide on the claim as loaded, one versioned write with its
 * event. The mutations carry no version, so the act applies to the claim as read and a concurrent
 * change of it is a CONFLICT (the person reloads). Accepted credits then go to the account's ledger.
 */
async function changeClaim(
  s: ClaimStores,
  principal: Principal,
  claimId: string,
  command: (claim: BillingClaimDoc) => ClaimCommand,
  note: string | null,
): Promise<BillingClaimDoc> {
  const now = businessNow(principal.tenantId);
  let creditMinor = 0;
  const { doc, events } = await runCommand({
    model: s.claims,
    what: 'BillingClaim',
    tenantId: principal.tenantId,
    id: claimId,
    concurrency: { expectedVersion: null },
    published: s.published,
    decide: (claim) => {
      const change = claimChange(claim, command(claim), principal, now, note);
      creditMinor = change.creditMinor;
      return change;
    },
  });
  const resolved = events.find((e) => e.type === 'collections.BillingClaimResolved');
  if (resolved && creditMinor > 0) {
    // The credit adjustment, guarded by the resolution's event id: should this process die right here,
    // collections' own consumer of that event (published from the claim's outbox) applies it, once.
    await applyClaimCredit(s, principal, doc.billingAccountId, creditMinor, resolved.id, now);
  }
  return doc;
}

/** The claims unit resolves an ASSIGNED claim: accepted with a credit (R-COL-F2) or rejected with a reason. */
export function resolveBillingClaim(
  s: ClaimStores,
  principal: Principal,
  input: { claimId: string; accepted: boolean; creditAmount?: string | null; reason: string },
): Promise<BillingClaimDoc> {
  return changeClaim(
    s,
    principal,
    input.claimId,
    (claim) => ({
      kind: 'resolve',
      accepted: input.accepted,
      creditMinor: input.creditAmount ? toMinorUnits(input.creditAmount, claim.currency) : 0,
      reason: input.reason,
    }),
    input.reason.trim(),
  );
}

/** The customer is told the resolution: satisfied → CLOSED; unhappy → R-COL-F1 escalated. */
export function informBillingClaimOutcome(
  s: ClaimStores,
  principal: Principal,
  input: { claimId: string; satisfied: boolean; note?: string | null },
): Promise<BillingClaimDoc> {
  const note = input.note?.trim() || (input.satisfied ? 'customer informed, satisfied' : 'customer unhappy: escalated (R-COL-F1)');
  return changeClaim(s, principal, input.claimId, () => ({ kind: 'inform', satisfied: input.satisfied }), note.slice(0, 500));
}

/** An ASSIGNED claim is urged (urgent follow-up). */
export function requestBillingClaimUrgency(s: ClaimStores, principal: Principal, claimId: string): Promise<BillingClaimDoc> {
  return changeClaim(s, principal, claimId, () => ({ kind: 'urge' }), 'urgency requested; customer will be called back');
}
