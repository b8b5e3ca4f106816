import { businessNow, findOneById, loadAtVersion, runCommand } from '@vinculo/common';
import { decideMigrationQualityCall, decideRepairQualityCall, type QualityCallDecision, type QualityCallInput } from '../domain/quality-call';
import type { DamageTicketDoc } from '../store/ticket.model';
import type { PreventiveReviewDoc } from '../store/review.model';
import { byOf, type Actor, type Deps } from './deps';
import { registerTicket, ticketEvent } from './tickets';
import { reviewEvent } from './preventive';

const callNote = (q: QualityCallInput, d: QualityCallDecision) => `quality-control call ${q.outcome}${d.notes ? `: ${d.notes}` : ''}`.slice(0, 2000);

/**
 * NOT_OK: the damage ticket it raises (§3 E, R-TS-E1 decides between new, reiterated or a follow-up of
 * an open one), keyed by the call's record so a retry after a lost write finds the same ticket.
 */
async function raiseTicket(
  deps: Deps,
  who: Actor,
  d: QualityCallDecision,
  from: { tenantId: string; customerId: string; installedProductId: string | null; address: string },
  key: string,
  cause: string,
  now: Date,
): Promise<string | null> {
  if (!d.raiseTicket) return null;
  const { ticket } = await registerTicket(
    deps,
    {
      tenantId: from.tenantId,
      customerId: from.customerId,
      installedProductId: from.installedProductId,
      source: 'QUALITY_CALL',
      key,
      service: d.raiseTicket.service,
      cause: (d.notes ?? cause).slice(0, 500),
      address: from.address,
      referencePhone: d.raiseTicket.referencePhone,
    },
    who,
    now,
  );
  return ticket._id;
}

/** §3 E.12 / J.11: the quality-control call after a repair; NOT_OK raises the next damage ticket. */
export async function repairQualityCall(
  deps: Deps,
  who: Actor,
  ticketId: string,
  expectedVersion: number,
  q: QualityCallInput,
  now = businessNow(who.tenantId),
): Promise<DamageTicketDoc> {
  const t = await loadAtVersion<DamageTicketDoc>(deps.tickets, 'DamageTicket', who.tenantId, ticketId, expectedVersion);
  const d = decideRepairQualityCall({ ...t, qualityCall: t.qualityCall ?? null }, q);
  const qualityTicketId = await raiseTicket(deps, who, d, t, `qc:${t._id}`, `Service still failing after the repair of ticket ${t._id}`, now);
  const note = callNote(q, d);
  const set = { qualityCall: q.outcome, qualityTicketId };
  // Written on the version decided on (the raised ticket is keyed by the call: a retry finds it).
  const { doc } = await runCommand({
    model: deps.tickets,
    what: 'DamageTicket',
    tenantId: t.tenantId,
    id: t._id,
    concurrency: { expectedVersion: t.version },
    published: deps.published,
    decide: (cur) => ({
      update: { $set: set, $push: { history: { from: cur.status, to: cur.status, by: byOf(who), at: now, note } } },
      events: [ticketEvent({ ...cur, ...set }, 'QUALITY_CALL', who, note)],
    }),
  });
  return doc;
}

/** §3 K.17: the executive's quality-control call after a fiber migration; NOT_OK raises a damage ticket on the migrated product. */
export async function migrationQualityCall(
  deps: Deps,
  who: Actor,
  reviewId: string,
  expectedVersion: number,
  q: QualityCallInput,
  now = businessNow(who.tenantId),
): Promise<PreventiveReviewDoc> {
  const r = await loadAtVersion<PreventiveReviewDoc>(deps.reviews, 'PreventiveReview', who.tenantId, reviewId, expectedVersion);
  const wo = r.workOrderId ? await findOneById(deps.workOrders, r.tenantId, r.workOrderId) : null;
  const d = decideMigrationQualityCall({ migration: r.migration, qualityCall: r.qualityCall ?? null }, wo?.status ?? null, q);
  const qualityTicketId = await raiseTicket(
    deps,
    who,
    d,
    { ...r, address: wo!.address },
    `qc:${r._id}`,
    `Service failing after the fiber migration of review ${r._id}`,
    now,
  );
  const set = { qualityCall: q.outcome, qualityTicketId };
  const { doc } = await runCommand({
    model: deps.reviews,
    what: 'PreventiveReview',
    tenantId: r.tenantId,
    id: r._id,
    concurrency: { expectedVersion: r.version },
    published: deps.published,
    decide: (cur) => ({
      update: { $set: set, $push: { history: { from: cur.migration, to: cur.migration!, by: byOf(who), at: now, note: callNote(q, d) } } },
      events: [reviewEvent({ ...cur, ...set }, who)],
    }),
  });
  return doc;
}
