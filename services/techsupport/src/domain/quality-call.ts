import { badInput, conflict, wrongState } from '@vinculo/common';
import { OPEN_TICKET, type DamagedService, type TicketStatus } from './ticket';
import type { MigrationStatus } from './preventive';
import { illegalTransition } from './transition';

/**
 * Quality-control calls after field work (control de calidad, DOMAIN.md §3): after a repair (§3 E step
 * 12, §3 J step 11) and after a fiber migration (§3 K step 17) someone calls the customer to confirm
 * the service works. OK ends the procedure; NOT_OK raises a damage ticket as in §3 E (R-TS-E1 decides:
 * a repair closed unresolved is reiterated with raised priority), so the customer is never left with a
 * failing service and a closed file.
 */
export type QualityCallOutcome = 'OK' | 'NOT_OK';

export interface QualityCallInput {
  outcome: QualityCallOutcome;
  notes?: string | null;
  service?: DamagedService | null;
  referencePhone?: string | null;
}

/** What a NOT_OK call needs for its damage ticket: the service (known from the repair, or given) and a reference phone. */
export interface QualityCallDecision {
  notes: string | null;
  raiseTicket: { service: DamagedService; referencePhone: string } | null;
}

function decideCall(q: QualityCallInput, known: { service: DamagedService | null; referencePhone: string | null }): QualityCallDecision {
  const notes = q.notes?.trim() || null;
  if (notes && notes.length > 2000) throw badInput('notes must have at most 2000 characters', 'notes');
  if (q.outcome === 'OK') return { notes, raiseTicket: null };
  const service = q.service ?? (known.service !== 'UNSPECIFIED' ? known.service : null);
  if (!service || service === 'UNSPECIFIED') throw badInput('a NOT_OK call needs the damaged service (LINE, TV or INTERNET)', 'service');
  const referencePhone = q.referencePhone?.trim() || known.referencePhone;
  if (!referencePhone) throw badInput('a NOT_OK call needs a reference phone for the damage ticket', 'referencePhone');
  return { notes, raiseTicket: { service, referencePhone } };
}

const CLOSED_TICKET: readonly TicketStatus[] = ['CLOSED_RESOLVED', 'CLOSED_UNFOUNDED', 'CLOSED_UNRESOLVED'];

/**
 * §3 E.12: the call after a repair, once its REPAIR work order closed the ticket; once per ticket. A
 * ticket solved remotely (no work order) already had the customer's confirmation (§3 E.5).
 */
export function decideRepairQualityCall(
  t: { status: TicketStatus; workOrderId: string | null; qualityCall: QualityCallOutcome | null; service: DamagedService; referencePhone: string | null },
  q: QualityCallInput,
): QualityCallDecision {
  if (!t.workOrderId) {
    throw wrongState({
      entity: 'damage ticket',
      current: t.status,
      act: 'get a quality-control call',
      allowedFrom: CLOSED_TICKET,
      reason: 'only a repaired ticket (dispatched to the field) gets one',
      nextAct: OPEN_TICKET.includes(t.status) ? 'dispatchDamageTicket' : null,
    });
  }
  if (!CLOSED_TICKET.includes(t.status))
    throw illegalTransition('damage ticket', t.status, 'given its quality-control call before its work order closed', CLOSED_TICKET);
  if (t.qualityCall) throw conflict(`The quality-control call was already recorded (${t.qualityCall})`, { currentStatus: t.status });
  return decideCall(q, t);
}

/**
 * §3 K.17: the executive's call after a fiber migration, once its MIGRATION work order closed; once
 * per review. NOT_OK names the service that fails.
 */
export function decideMigrationQualityCall(
  r: { migration: MigrationStatus | null; qualityCall: QualityCallOutcome | null },
  workOrderStatus: string | null,
  q: QualityCallInput,
): QualityCallDecision {
  if (r.migration !== 'ACCEPTED') {
    throw wrongState({
      entity: 'fiber migration',
      current: r.migration ?? 'NOT_QUOTED',
      act: 'get a quality-control call',
      allowedFrom: ['ACCEPTED'],
      nextAct: r.migration === 'QUOTED' ? 'decideFiberMigration' : null,
    });
  }
  if (!workOrderStatus || !workOrderStatus.startsWith('CLOSED_')) {
    throw wrongState({
      entity: 'MIGRATION work order',
      current: workOrderStatus ?? 'NOT_OPEN_YET',
      act: 'be followed by the quality-control call yet',
      allowedFrom: ['CLOSED_RESOLVED', 'CLOSED_UNFOUNDED', 'CLOSED_UNRESOLVED'],
      nextAct: 'closeWorkOrder',
    });
  }
  if (r.qualityCall) throw conflict(`The quality-control call was already recorded (${r.qualityCall})`, { currentStatus: r.migration });
  return decideCall(q, { service: null, referencePhone: null });
}
