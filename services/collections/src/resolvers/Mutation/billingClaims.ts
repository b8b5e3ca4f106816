import { authorize, badInput, businessNow, conflict, findOneById, isDuplicateKey, newEnvelope, type Principal, toMinorUnits, updateVersioned } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import type { BillingClaimDoc } from '../../store/billing-claim.model';
import { policy } from '../../policy';
import { decideClaim, queueKeyOf, validClaimText, type ClaimCommand } from '../../domain/billing-claim';
import { applyClaimCredit } from '../../application/claim-credit';
import { nextChildId } from '../../domain/one-open';

const ref = (c: BillingClaimDoc) => ({ claimId: c._id, invoiceId: c.invoiceId, billingAccountId: c.billingAccountId, customerId: c.customerId });

export const registerBillingClaim =
  (deps: ResolverDeps): MutationResolvers['registerBillingClaim'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'registerBillingClaim', principal);
    const description = validClaimText(input.description, 'description');
    const invoice = await findOneById(deps.invoices, principal.tenantId, input.invoiceId);
    if (!invoice) throw badInput(`invoice ${input.invoiceId} not found`, 'invoiceId');
    // Evidence counts only as files that exist and are the invoice customer's (customers.AttachmentStored).
    const evidenceIds = [...new Set(input.evidenceAttachmentIds ?? [])];
    if (evidenceIds.length > 20) throw badInput('at most 20 evidence files', 'evidenceAttachmentIds');
    const evidence = (await deps.attachments.requireOfCustomer(principal.tenantId, invoice.customerId, evidenceIds)).map((a) => ({ attachmentId: a._id, name: a.name, contentType: a.contentType }));
    // §3 F: an open claim on the invoice is followed up (urgency) or told, never registered twice. The
    // id counts the invoice's earlier claims, so a concurrent registration collides on it.
    const earlier = await deps.claims.find({ tenantId: principal.tenantId, invoiceId: invoice._id }, { status: 1 }).lean();
    const open = earlier.find((c) => c.status !== 'CLOSED');
    const alreadyOpen = () => conflict(`invoice ${invoice.number} already has an open billing claim${open ? ` (${open.status})` : ''}`, open ? { claimId: open._id } : {});
    if (open) throw alreadyOpen();
    const id = nextChildId('bcl', principal.tenantId, invoice._id, earlier.length);
    const now = businessNow(principal.tenantId);
    let created;
    try {
      created = await deps.claims.create({
        _id: id, tenantId: principal.tenantId, invoiceId: invoice._id, billingAccountId: invoice.billingAccountId, customerId: invoice.customerId,
        currency: invoice.currency, invoiceTotalMinor: invoice.totalMinor, description, status: 'ASSIGNED', outcome: null, resolution: null,
        creditedMinor: 0, escalations: 0, urgent: false, queueKey: queueKeyOf(false, now), registeredBy: principal.userId, registeredAt: now, resolvedAt: null,
        history: [{ from: null, to: 'ASSIGNED', by: principal.userId, at: now, note: 'routed to the claims unit' }],
        evidence,
        outbox: [
          newEnvelope('collections', principal, {
            type: 'collections.BillingClaimRegistered',
            subject: id,
            data: { claimId: id, invoiceId: invoice._id, billingAccountId: invoice.billingAccountId, customerId: invoice.customerId, status: 'ASSIGNED', description },
          }, now),
        ],
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw alreadyOpen();
      throw err;
    }
    deps.published();
    return { billingClaim: created.toObject() };
  };

/** Load, decide, write one versioned change with its event; accepted credits then go to the account's ledger. */
async function changeClaim(deps: ResolverDeps, principal: Principal, claimId: string, cmd: ClaimCommand, note: string | null) {
  const claim = await findOneById(deps.claims, principal.tenantId, claimId);
  if (!claim) throw badInput(`billing claim ${claimId} not found`, 'claimId');
  const d = decideClaim(claim, cmd);
  const now = businessNow(principal.tenantId);
  const history = { from: claim.status, to: d.to, by: principal.userId, at: now, note };
  let set: Record<string, unknown> = { status: d.to };
  let inc: Record<string, number> = {};
  let event;
  if (d.to === 'RESOLVED') {
    set = { ...set, outcome: d.outcome, resolution: d.reason, resolvedAt: now };
    inc = { creditedMinor: d.creditMinor };
    event = newEnvelope('collections', principal, {
      type: 'collections.BillingClaimResolved',
      subject: claim._id,
      data: { ...ref(claim), status: 'RESOLVED', outcome: d.outcome, reason: d.reason, creditAmount: d.creditMinor, currency: claim.currency },
    }, now);
  } else if (d.to === 'CLOSED') {
    event = null;
  } else if ('escalated' in d) {
    inc = { escalations: 1 };
    set = { ...set, urgent: true, queueKey: queueKeyOf(true, claim.registeredAt), outcome: null, resolution: null, resolvedAt: null };
    event = newEnvelope('collections', principal, {
      type: 'collections.BillingClaimEscalated',
      subject: claim._id,
      data: { ...ref(claim), status: 'ASSIGNED', escalations: claim.escalations + 1, notify: ['CLAIMS_UNIT', 'SALES_TEAM_LEAD', 'DIVISION_HEAD'] },
    }, now);
  } else {
    set = { ...set, urgent: true, queueKey: queueKeyOf(true, claim.registeredAt) };
    event = newEnvelope('collections', principal, { type: 'collections.BillingClaimUrgencyRequested', subject: claim._id, data: { ...ref(claim), status: 'ASSIGNED' } }, now);
  }
  const updated = await updateVersioned(
    deps.claims,
    { _id: claim._id, tenantId: principal.tenantId },
    claim.version,
    { $set: set, ...(Object.keys(inc).length ? { $inc: inc } : {}), $push: { history } },
    event ? [event] : [],
  );
  if (d.to === 'RESOLVED' && d.creditMinor > 0 && event) {
    // The credit adjustment, guarded by the resolution's event id: should this process die right here,
    // collections' own consumer of that event (published from the claim's outbox) applies it, once.
    await applyClaimCredit(deps, principal, claim.billingAccountId, d.creditMinor, event.id, now);
  }
  deps.published();
  return { billingClaim: updated };
}

export const resolveBillingClaim =
  (deps: ResolverDeps): MutationResolvers['resolveBillingClaim'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'resolveBillingClaim', principal);
    const claim = await findOneById(deps.claims, principal.tenantId, input.claimId, { currency: 1 });
    if (!claim) throw badInput(`billing claim ${input.claimId} not found`, 'claimId');
    const creditMinor = input.creditAmount ? toMinorUnits(input.creditAmount, claim.currency) : 0;
    return changeClaim(deps, principal, input.claimId, { kind: 'resolve', accepted: input.accepted, creditMinor, reason: input.reason }, input.reason.trim());
  };

export const informBillingClaimOutcome =
  (deps: ResolverDeps): MutationResolvers['informBillingClaimOutcome'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'informBillingClaimOutcome', principal);
    const note = input.note?.trim() || (input.satisfied ? 'customer informed, satisfied' : 'customer unhappy: escalated (R-COL-F1)');
    return changeClaim(deps, principal, input.claimId, { kind: 'inform', satisfied: input.satisfied }, note.slice(0, 500));
  };

export const requestBillingClaimUrgency =
  (deps: ResolverDeps): MutationResolvers['requestBillingClaimUrgency'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'requestBillingClaimUrgency', principal);
    return changeClaim(deps, principal, input.claimId, { kind: 'urge' }, 'urgency requested; customer will be called back');
  };
