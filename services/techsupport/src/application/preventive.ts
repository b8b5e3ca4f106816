import { businessNow, type EventEnvelope, findOneById, idFromEvent, localDay, newEnvelope, newId, runCommand, type Technology } from '@vinculo/common';
import { decideMigration, excessCableChargeId, excessCableCostMinor, validateReview, type PreventiveOutcome } from '../domain/preventive';
import type { DamagedService } from '../domain/ticket';
import type { PreventiveReviewDoc } from '../store/review.model';
import { settingsFor } from '../store/settings.model';
import { byOf, type Actor, type Deps } from './deps';
import { assess } from './network';
import { registerTicket } from './tickets';
import { openWorkOrder } from './work-orders';

const FIBER: Technology = 'FIBER';

export function reviewEvent(r: PreventiveReviewDoc, who: Actor): EventEnvelope {
  return newEnvelope('techsupport', who, {
    type: 'techsupport.PreventiveReviewRecorded',
    subject: r._id,
    data: {
      reviewId: r._id,
      customerId: r.customerId,
      analystId: r.analystId,
      executiveId: r.executiveId,
      outcome: r.outcome,
      migration: r.migration,
      excessCableMinor: r.excessCableMinor,
      currency: r.currency,
      ticketId: r.ticketId,
      workOrderId: r.workOrderId,
      day: r.day,
      ...(r.qualityCall ? { qualityCall: r.qualityCall, qualityTicketId: r.qualityTicketId ?? null } : {}),
    },
  });
}

export interface ReviewInput {
  customerId: string;
  installedProductId?: string | null;
  outcome: PreventiveOutcome;
  notes?: string | null;
  suggestion?: string | null;
  location?: { latitude: number; longitude: number } | null;
  speedMbps?: number | null;
  service?: DamagedService | null;
  referencePhone?: string | null;
}

/**
 * Record a preventive review outcome (§3 K): CROSS_SELL flags the executive (CrossSellFlagged);
 * FIBER_MIGRATION assesses fiber feasibility and quotes the excess cable; SERVICE_PROBLEM registers a
 * damage ticket as in §3 E; NO_ACTION is just recorded. Always a PreventiveReviewRecorded event.
 */
export async function recordReview(
  deps: Deps,
  who: Actor & { userId: string },
  input: ReviewInput,
  now = businessNow(who.tenantId),
): Promise<PreventiveReviewDoc> {
  const { notes, suggestion } = validateReview(input);
  const customer = await deps.directory.require(who.tenantId, input.customerId);
  const [tenant, settings] = await Promise.all([deps.tenantPolicy.policyFor(who.tenantId), settingsFor(deps.settings, who.tenantId)]);
  const id = newId('rev');
  const doc: PreventiveReviewDoc = {
    _id: id,
    tenantId: who.tenantId,
    customerId: input.customerId,
    analystId: who.userId,
    executiveId: customer.executiveId ?? null,
    installedProductId: input.installedProductId ?? null,
    outcome: input.outcome,
    day: localDay(now, tenant.timeZone),
    notes,
    suggestion,
    migration: null,
    feasibility: null,
    location: null,
    excessCableMinor: null,
    currency: tenant.currency,
    ticketId: null,
    workOrderId: null,
    createdAt: now,
    history: [{ from: null, to: input.outcome, by: who.userId, at: now, note: notes }],
    version: 0,
    outbox: [],
  };
  const events: EventEnvelope[] = [];
  if (input.outcome === 'CROSS_SELL') {
    events.push(
      newEnvelope('techsupport', who, {
        type: 'techsupport.CrossSellFlagged',
        subject: id,
        data: {
          flagId: id,
          customerId: doc.customerId,
          executiveId: doc.executiveId,
          installedProductId: doc.installedProductId,
          suggestion: suggestion!,
          reviewId: id,
        },
      }),
    );
  }
  if (input.outcome === 'FIBER_MIGRATION') {
    const location = { latitude: input.location!.latitude, longitude: input.location!.longitude };
    const f = await assess(deps, who.tenantId, { location, technology: FIBER, speedMbps: input.speedMbps ?? null });
    doc.location = location;
    doc.feasibility = { ...f };
    if (f.feasible) {
      doc.migration = 'QUOTED';
      doc.excessCableMinor = excessCableCostMinor(f.distanceM, settings);
    } else doc.migration = 'INFEASIBLE';
    doc.history.push({
      from: input.outcome,
      to: doc.migration,
      by: who.userId,
      at: now,
      note: f.feasible ? `excess cable ${doc.excessCableMinor} minor units told to the customer` : f.detail,
    });
  }
  if (input.outcome === 'SERVICE_PROBLEM') {
    const { ticket } = await registerTicket(
      deps,
      {
        tenantId: who.tenantId,
        customerId: input.customerId,
        installedProductId: input.installedProductId ?? null,
        source: 'PREVENTIVE_REVIEW',
        key: id,
        service: input.service!,
        cause: (notes ?? 'Service problem found in a preventive review').slice(0, 500),
        address: await addressOf(deps, who.tenantId, input),
        referencePhone: input.referencePhone!,
      },
      who,
      now,
    );
    doc.ticketId = ticket._id;
  }
  doc.outbox = [reviewEvent(doc, who), ...events];
  await deps.reviews.create(doc);
  deps.published();
  return doc;
}

async function addressOf(deps: Deps, tenantId: string, input: ReviewInput): Promise<string> {
  if (input.installedProductId) {
    const p = await findOneById(deps.products.model, tenantId, input.installedProductId);
    if (p?.address) return p.address;
  }
  return 'Customer address on file';
}

/**
 * The customer's answer to a quoted migration (R-TS-K1). The review's versioned write decides (an
 * accept and a decline racing: exactly one wins) and carries the excess-cable charge in its outbox;
 * accepted, it names the MIGRATION work order by a deterministic id, opened (its port reserved on the
 * serving fiber node) from the stored review here and again by our own PreventiveReviewRecorded
 * consumer, so a crash between the writes loses nothing and a losing decline leaves no order behind.
 */
export async function decideFiberMigration(
  deps: Deps,
  who: Actor,
  reviewId: string,
  expectedVersion: number,
  accepted: boolean,
  now = businessNow(who.tenantId),
): Promise<PreventiveReviewDoc> {
  const { doc: updated } = await runCommand({
    model: deps.reviews,
    what: 'PreventiveReview',
    tenantId: who.tenantId,
    id: reviewId,
    concurrency: { expectedVersion },
    published: deps.published,
    decide: (r) => {
      const d = decideMigration(r.migration, accepted, r.excessCableMinor ?? 0);
      const workOrderId = d.openWorkOrder ? migrationWorkOrderId(r._id) : null;
      const events: EventEnvelope[] = [];
      if (d.chargeMinor > 0) {
        events.push(
          newEnvelope('techsupport', who, {
            type: 'techsupport.ChargeRequested',
            subject: r._id,
            data: {
              chargeId: excessCableChargeId(r._id),
              customerId: r.customerId,
              ...(r.installedProductId ? { installedProductId: r.installedProductId } : {}),
              kind: 'EXCESS_CABLE',
              amountMinor: d.chargeMinor,
              currency: r.currency,
              description: 'Excess cable of the fiber migration (R-TS-K1)',
            },
          }),
        );
      }
      const after: PreventiveReviewDoc = { ...r, migration: d.migration, workOrderId };
      return {
        update: {
          $set: { migration: d.migration, workOrderId },
          $push: { history: { from: r.migration, to: d.migration, by: byOf(who), at: now, note: d.chargeMinor ? `charge ${d.chargeMinor}` : null } },
        },
        events: [reviewEvent(after, who), ...events],
      };
    },
  });
  await openMigrationWorkOrder(deps, updated, who, now);
  return updated;
}

/** The MIGRATION work order of an accepted review (one per review). */
export const migrationWorkOrderId = (reviewId: string) => idFromEvent('wo', `migration:${reviewId}`);

/** Open the accepted migration's work order if it is not there yet (idempotent), reserving a port on the quoted node. */
export async function openMigrationWorkOrder(deps: Deps, r: PreventiveReviewDoc, who: Actor, now: Date) {
  if (r.migration !== 'ACCEPTED' || !r.workOrderId) return null;
  const nodeId = r.feasibility?.feasible ? r.feasibility.nodeId : null;
  const { workOrder } = await openWorkOrder(
    deps,
    {
      _id: r.workOrderId,
      tenantId: r.tenantId,
      customerId: r.customerId,
      type: 'MIGRATION',
      address: await addressOf(deps, r.tenantId, r),
      notes: `Fiber migration from preventive review ${r._id}`,
      installedProductId: r.installedProductId,
      nodeId,
      migration: { technology: FIBER, nodeId },
    },
    who,
    now,
  );
  return workOrder;
}
