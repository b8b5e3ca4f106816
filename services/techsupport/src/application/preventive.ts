import { DomainError, idFromEvent, newEnvelope, newId, notFound, updateVersioned, type EventEnvelope, type Technology } from '@vinculo/common';
import { decideMigration, excessCableCostMinor, validateReview, type PreventiveOutcome } from '../domain/preventive';
import { localDay } from '../domain/sla';
import type { DamagedService } from '../domain/ticket';
import type { PreventiveReviewDoc } from '../store/review.model';
import { settingsFor } from '../store/settings.model';
import { byOf, type Actor, type Deps } from './deps';
import { assess } from './network';
import { registerTicket } from './tickets';
import { openWorkOrder } from './work-orders';

const FIBER: Technology = 'FIBER';

function reviewEvent(r: PreventiveReviewDoc, who: Actor): EventEnvelope {
  return newEnvelope('techsupport', who, {
    type: 'techsupport.PreventiveReviewRecorded',
    subject: r._id,
    data: {
      reviewId: r._id, customerId: r.customerId, analystId: r.analystId, executiveId: r.executiveId, outcome: r.outcome, migration: r.migration,
      excessCableMinor: r.excessCableMinor, currency: r.currency, ticketId: r.ticketId, workOrderId: r.workOrderId, day: r.day,
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
export async function recordReview(deps: Deps, who: Actor & { userId: string }, input: ReviewInput, now = new Date()): Promise<PreventiveReviewDoc> {
  const { notes, suggestion } = validateReview(input);
  const customer = await deps.directory.require(who.tenantId, input.customerId);
  const [tenant, settings] = await Promise.all([deps.tenantPolicy.policyFor(who.tenantId), settingsFor(deps.settings, who.tenantId)]);
  const id = newId('rev');
  const doc: PreventiveReviewDoc = {
    _id: id, tenantId: who.tenantId, customerId: input.customerId, analystId: who.userId, executiveId: customer.executiveId ?? null,
    installedProductId: input.installedProductId ?? null, outcome: input.outcome, day: localDay(now, tenant.timeZone), notes, suggestion,
    migration: null, feasibility: null, location: null, excessCableMinor: null, currency: tenant.currency, ticketId: null, workOrderId: null,
    createdAt: now, history: [{ from: null, to: input.outcome, by: who.userId, at: now, note: notes }], version: 0, outbox: [],
  };
  const events: EventEnvelope[] = [];
  if (input.outcome === 'CROSS_SELL') {
    events.push(newEnvelope('techsupport', who, {
      type: 'techsupport.CrossSellFlagged', subject: id,
      data: { flagId: id, customerId: doc.customerId, executiveId: doc.executiveId, installedProductId: doc.installedProductId, suggestion: suggestion!, reviewId: id },
    }));
  }
  if (input.outcome === 'FIBER_MIGRATION') {
    const location = { latitude: input.location!.latitude, longitude: input.location!.longitude };
    if (Math.abs(location.latitude) > 90 || Math.abs(location.longitude) > 180) throw new DomainError('invalid_input', 'location out of range', { field: 'location' });
    const f = await assess(deps, who.tenantId, { location, technology: FIBER, speedMbps: input.speedMbps ?? null });
    doc.location = location;
    doc.feasibility = { ...f };
    if (f.feasible) {
      doc.migration = 'QUOTED';
      doc.excessCableMinor = excessCableCostMinor(f.distanceM, settings);
    } else doc.migration = 'INFEASIBLE';
    doc.history.push({ from: input.outcome, to: doc.migration, by: who.userId, at: now, note: f.feasible ? `excess cable ${doc.excessCableMinor} minor units told to the customer` : f.detail });
  }
  if (input.outcome === 'SERVICE_PROBLEM') {
    const { ticket } = await registerTicket(deps, {
      tenantId: who.tenantId, customerId: input.customerId, installedProductId: input.installedProductId ?? null, source: 'PREVENTIVE_REVIEW',
      key: id, service: input.service!, cause: (notes ?? 'Service problem found in a preventive review').slice(0, 500), address: await addressOf(deps, who.tenantId, input), referencePhone: input.referencePhone!,
    }, who, now);
    doc.ticketId = ticket._id;
  }
  doc.outbox = [reviewEvent(doc, who), ...events];
  await deps.reviews.create(doc);
  deps.published();
  return doc;
}

async function addressOf(deps: Deps, tenantId: string, input: ReviewInput): Promise<string> {
  if (input.installedProductId) {
    const p = await deps.products.model.findOne({ _id: input.installedProductId, tenantId }).lean<{ address?: string }>();
    if (p?.address) return p.address;
  }
  return 'Customer address on file';
}

/**
 * The customer's answer to a quoted migration (R-TS-K1): accepted → the MIGRATION work order (its
 * port reserved on the serving fiber node) and the excess-cable charge for the next invoice.
 */
export async function decideFiberMigration(deps: Deps, who: Actor, reviewId: string, expectedVersion: number, accepted: boolean, now = new Date()): Promise<PreventiveReviewDoc> {
  const r = await deps.reviews.findOne({ _id: reviewId, tenantId: who.tenantId }).lean<PreventiveReviewDoc>();
  if (!r) throw notFound('PreventiveReview', reviewId);
  if (r.version !== expectedVersion) throw new DomainError('stale_version', `PreventiveReview ${reviewId} is at version ${r.version}, not ${expectedVersion}; reload and retry`);
  const d = decideMigration(r.migration, accepted, r.excessCableMinor ?? 0);
  const events: EventEnvelope[] = [];
  let workOrderId: string | null = null;
  if (d.openWorkOrder) {
    const address = await addressOf(deps, who.tenantId, r);
    const { workOrder } = await openWorkOrder(deps, {
      _id: idFromEvent('wo', `migration:${r._id}`), tenantId: r.tenantId, customerId: r.customerId, type: 'MIGRATION', address,
      notes: `Fiber migration from preventive review ${r._id}`, installedProductId: r.installedProductId,
      nodeId: (r.feasibility as { nodeId?: string } | null)?.nodeId ?? null,
    }, who, now);
    workOrderId = workOrder._id;
    if (d.chargeMinor > 0) {
      events.push(newEnvelope('techsupport', who, {
        type: 'techsupport.ChargeRequested', subject: r._id,
        data: {
          chargeId: `excess-cable:${r._id}`, customerId: r.customerId, ...(r.installedProductId ? { installedProductId: r.installedProductId } : {}),
          kind: 'EXCESS_CABLE', amountMinor: d.chargeMinor, currency: r.currency, description: 'Excess cable of the fiber migration (R-TS-K1)',
        },
      }));
    }
  }
  const after: PreventiveReviewDoc = { ...r, migration: d.migration, workOrderId };
  const updated = await updateVersioned(deps.reviews, { _id: r._id, tenantId: r.tenantId }, r.version,
    { $set: { migration: d.migration, workOrderId }, $push: { history: { from: r.migration, to: d.migration, by: byOf(who), at: now, note: d.chargeMinor ? `charge ${d.chargeMinor}` : null } } },
    [reviewEvent(after, who), ...events]);
  deps.published();
  return updated;
}
