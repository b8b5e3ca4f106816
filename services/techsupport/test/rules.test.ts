import { domainErrorOf } from '@vinculo/common/testing';
import {
  decideRegistration,
  decideDiagnosis,
  decideRemoteResolution,
  decideDispatch,
  ticketClosedByWorkOrder,
  triage,
  validateTicketInput,
  type PreviousTicket,
} from '../src/domain/ticket';
import { decideMigration, excessCableCostMinor, validateReview } from '../src/domain/preventive';
import { decideWorkOrderChange, closedForWithdrawal, raisePriority, type WorkOrderState } from '../src/domain/work-order';
import { endOfLocalDay, localDay } from '@vinculo/common';
import { atRiskFrom, dueAtFor, slaAt } from '../src/domain/sla';
import { decideEngineeringRecord, decideQualityCall, decideRemoteAttempt, decideSchedule, holdsSlot, validateVisitRequest } from '../src/domain/visit';
import { applySettingsChange, DEFAULT_TECHSUPPORT_SETTINGS } from '../src/domain/settings';

const input = { service: 'INTERNET' as const, cause: 'No internet since morning', address: 'Calle Junín 99, Sacaba', referencePhone: '70712345' };
const prev = (over: Partial<PreviousTicket>): PreviousTicket => ({
  _id: 'tkt_1',
  status: 'CLOSED_RESOLVED',
  cause: 'Slow internet',
  priority: 'NORMAL',
  workOrderStatus: null,
  ...over,
});

describe('damage tickets (§3 E)', () => {
  it('R-TS-E1 an open ticket is followed up, never duplicated; a same-day visit when its work order is ASSIGNED', () => {
    expect(decideRegistration(prev({ status: 'IN_REMOTE_DIAGNOSIS' }), input)).toEqual({ kind: 'FOLLOW_UP', ticketId: 'tkt_1', sameDayVisit: false });
    expect(decideRegistration(prev({ status: 'DISPATCHED', workOrderStatus: 'ASSIGNED' }), input)).toEqual({
      kind: 'FOLLOW_UP',
      ticketId: 'tkt_1',
      sameDayVisit: true,
    });
    expect(decideRegistration(prev({ status: 'WITH_COORDINATOR' }), input).kind).toBe('FOLLOW_UP');
  });

  it('R-TS-E1 the last ticket closed UNRESOLVED → a reiterated ticket with the same cause and raised priority', () => {
    expect(decideRegistration(prev({ status: 'CLOSED_UNRESOLVED', priority: 'NORMAL' }), input)).toEqual({
      kind: 'REITERATE',
      reiteratedFrom: 'tkt_1',
      cause: 'Slow internet',
      priority: 'HIGH',
      status: 'IN_REMOTE_DIAGNOSIS',
    });
    expect(decideRegistration(prev({ status: 'CLOSED_UNRESOLVED', priority: 'HIGH' }), { ...input, service: 'LINE' })).toMatchObject({
      priority: 'URGENT',
      status: 'WITH_COORDINATOR',
    });
  });

  it('R-TS-E1 no ticket, or one closed resolved/unfounded → a new NORMAL ticket', () => {
    expect(decideRegistration(null, input)).toEqual({ kind: 'CREATE', priority: 'NORMAL', status: 'IN_REMOTE_DIAGNOSIS' });
    expect(decideRegistration(prev({ status: 'CLOSED_UNFOUNDED' }), input).kind).toBe('CREATE');
    expect(decideRegistration(prev({ status: 'CLOSED_RESOLVED', priority: 'HIGH' }), input)).toEqual({
      kind: 'CREATE',
      priority: 'NORMAL',
      status: 'IN_REMOTE_DIAGNOSIS',
    });
  });

  it('triage: line and TV to the coordinator, internet to remote diagnosis', () => {
    expect(triage('LINE')).toBe('WITH_COORDINATOR');
    expect(triage('TV')).toBe('WITH_COORDINATOR');
    expect(triage('INTERNET')).toBe('IN_REMOTE_DIAGNOSIS');
    expect(triage('UNSPECIFIED')).toBe('WITH_COORDINATOR');
  });

  it('registration needs cause, address and a reference phone', () => {
    expect(validateTicketInput({ ...input, referencePhone: '707-12 345' }).referencePhone).toBe('70712345');
    expect(domainErrorOf(() => validateTicketInput({ ...input, referencePhone: 'abc' })).details.field).toBe('referencePhone');
    expect(domainErrorOf(() => validateTicketInput({ ...input, cause: ' ' })).details.field).toBe('cause');
    expect(domainErrorOf(() => validateTicketInput({ ...input, referencePhone: null })).details.field).toBe('referencePhone');
    expect(validateTicketInput({ ...input, service: 'UNSPECIFIED', referencePhone: null }, false)).toMatchObject({
      referencePhone: null,
      service: 'UNSPECIFIED',
    });
  });

  it('remote resolution: only after a diagnosis and with the customer confirming, closed UNFOUNDED', () => {
    const at = new Date();
    expect(domainErrorOf(() => decideRemoteResolution({ status: 'IN_REMOTE_DIAGNOSIS', hasDiagnosis: false }, true, 'router reset', 'a', at)).kind).toBe(
      'rule_violated',
    );
    expect(domainErrorOf(() => decideRemoteResolution({ status: 'IN_REMOTE_DIAGNOSIS', hasDiagnosis: true }, false, 'router reset', 'a', at)).kind).toBe(
      'rule_violated',
    );
    expect(decideRemoteResolution({ status: 'IN_REMOTE_DIAGNOSIS', hasDiagnosis: true }, true, 'router reset', 'a', at).set.status).toBe('CLOSED_UNFOUNDED');
    expect(domainErrorOf(() => decideRemoteResolution({ status: 'WITH_COORDINATOR', hasDiagnosis: true }, true, 'x y z', 'a', at)).details.currentStatus).toBe(
      'WITH_COORDINATOR',
    );
  });

  it('diagnosis only in remote diagnosis, with sane counts; dispatch only while triaged; closure follows the work order', () => {
    const d = { outages: false, noService: false, wifiCoverageOk: false, devices: 12, contractedMbps: 50, measuredMbps: 12, amplifiers: 0, routerOk: true };
    expect(decideDiagnosis('IN_REMOTE_DIAGNOSIS', d, 'a', new Date()).measuredMbps).toBe(12);
    expect(domainErrorOf(() => decideDiagnosis('IN_REMOTE_DIAGNOSIS', { ...d, devices: -1 }, 'a', new Date())).details.field).toBe('devices');
    expect(domainErrorOf(() => decideDiagnosis('WITH_COORDINATOR', d, 'a', new Date())).kind).toBe('illegal_transition');
    expect(decideDispatch('WITH_COORDINATOR', 'c', new Date(), null).set.status).toBe('DISPATCHED');
    expect(decideDispatch('WITH_COORDINATOR', 'c', new Date(), '  ').history.note).toBeNull();
    expect(domainErrorOf(() => decideDispatch('WITH_COORDINATOR', 'c', new Date(), 'n'.repeat(501))).details.field).toBe('notes');
    expect(domainErrorOf(() => decideDispatch('DISPATCHED', 'c', new Date(), null)).kind).toBe('illegal_transition');
    expect(ticketClosedByWorkOrder('DISPATCHED', 'CLOSED_UNRESOLVED', new Date())!.set.status).toBe('CLOSED_UNRESOLVED');
    expect(ticketClosedByWorkOrder('CLOSED_UNFOUNDED', 'CLOSED_RESOLVED', new Date())).toBeNull();
  });
});

describe('preventive management (§3 K)', () => {
  const settings = { includedCableM: 300, excessCablePerMeterMinor: 500 };
  it('excess cable: whole metres beyond the included cable, at the tenant price, in minor units', () => {
    expect(excessCableCostMinor(250, settings)).toBe(0);
    expect(excessCableCostMinor(300, settings)).toBe(0);
    expect(excessCableCostMinor(412.2, settings)).toBe(113 * 500);
  });

  it('R-TS-K1 the excess-cable charge exists only when the customer accepts a quoted migration', () => {
    expect(decideMigration('QUOTED', true, 56500)).toEqual({ migration: 'ACCEPTED', chargeMinor: 56500, openWorkOrder: true });
    expect(decideMigration('QUOTED', false, 56500)).toEqual({ migration: 'DECLINED', chargeMinor: 0, openWorkOrder: false });
  });

  it('R-TS-K1 an infeasible migration cannot be accepted (FAILED_PRECONDITION with the rule); a decided one cannot be decided again', () => {
    const e = domainErrorOf(() => decideMigration('INFEASIBLE', true, 0));
    expect(e.kind).toBe('rule_violated');
    expect(e.details.rule).toBe('R-TS-K1');
    expect(domainErrorOf(() => decideMigration('ACCEPTED', true, 1)).kind).toBe('illegal_transition');
  });

  it('each outcome needs its data', () => {
    expect(domainErrorOf(() => validateReview({ outcome: 'CROSS_SELL' })).details.field).toBe('suggestion');
    expect(domainErrorOf(() => validateReview({ outcome: 'FIBER_MIGRATION' })).details.field).toBe('location');
    expect(domainErrorOf(() => validateReview({ outcome: 'FIBER_MIGRATION', location: { latitude: 91, longitude: 0 } })).details.field).toBe('location');
    expect(domainErrorOf(() => validateReview({ outcome: 'FIBER_MIGRATION', location: { latitude: -17, longitude: -66 }, speedMbps: -1 })).details.field).toBe(
      'speedMbps',
    );
    expect(domainErrorOf(() => validateReview({ outcome: 'SERVICE_PROBLEM', service: 'LINE' })).details.field).toBe('service');
    expect(validateReview({ outcome: 'NO_ACTION', notes: ' ok ' })).toEqual({ notes: 'ok', suggestion: null });
  });
});

describe('work orders', () => {
  const s = (over: Partial<WorkOrderState> = {}): WorkOrderState => ({
    type: 'REPAIR',
    status: 'CREATED',
    priority: 'NORMAL',
    technicianId: null,
    crew: null,
    scheduledFor: null,
    equipmentToRetrieve: [],
    ...over,
  });
  const at = new Date('2026-03-02T15:00:00Z');

  it('CREATED → ASSIGNED (technician or crew, not both) → rescheduled → IN_PROGRESS → closed', () => {
    expect(decideWorkOrderChange(s(), { kind: 'assign', crew: 'USM-3' }, 'c', at)).toMatchObject({
      change: 'ASSIGNED',
      set: { status: 'ASSIGNED', crew: 'USM-3', technicianId: null },
    });
    expect(domainErrorOf(() => decideWorkOrderChange(s(), { kind: 'assign', crew: 'USM-3', technicianId: 'emp-1' }, 'c', at)).kind).toBe('invalid_input');
    expect(domainErrorOf(() => decideWorkOrderChange(s(), { kind: 'assign', technicianId: 't'.repeat(61) }, 'c', at)).details.field).toBe('technicianId');
    expect(decideWorkOrderChange(s({ status: 'ASSIGNED' }), { kind: 'assign', technicianId: 'emp-1' }, 'c', at).change).toBe('RESCHEDULED');
    expect(decideWorkOrderChange(s({ status: 'ASSIGNED' }), { kind: 'start' }, 'c', at).set.status).toBe('IN_PROGRESS');
    const closed = decideWorkOrderChange(
      s({ status: 'IN_PROGRESS' }),
      { kind: 'close', outcome: 'CLOSED_RESOLVED', resolutionNotes: 'Replaced drop cable', equipmentUsed: [{ code: 'ONT-1', quantity: 1 }] },
      'c',
      at,
    );
    expect(closed.set).toMatchObject({
      status: 'CLOSED_RESOLVED',
      closedAt: at,
      resolution: { notes: 'Replaced drop cable', equipmentUsed: [{ code: 'ONT-1', quantity: 1 }], equipmentReturned: [] },
    });
  });

  it('illegal transitions name the current state, where the act is allowed from and what comes first', () => {
    expect(domainErrorOf(() => decideWorkOrderChange(s(), { kind: 'start' }, 'c', at)).details).toMatchObject({
      currentStatus: 'CREATED',
      allowedFrom: ['ASSIGNED'],
      nextAct: 'assignWorkOrder',
    });
    expect(
      domainErrorOf(() => decideWorkOrderChange(s(), { kind: 'close', outcome: 'CLOSED_RESOLVED', resolutionNotes: 'done done' }, 'c', at)).details,
    ).toMatchObject({ currentStatus: 'CREATED', allowedFrom: ['ASSIGNED', 'IN_PROGRESS'], nextAct: 'assignWorkOrder' });
    expect(
      domainErrorOf(() => decideWorkOrderChange(s({ status: 'CLOSED_RESOLVED' }), { kind: 'escalate', reason: 'customer angry' }, 'c', at)).details,
    ).toMatchObject({ currentStatus: 'CLOSED_RESOLVED', nextAct: null });
  });

  it('escalation raises priority up to URGENT', () => {
    expect(raisePriority('NORMAL')).toBe('HIGH');
    expect(raisePriority('HIGH')).toBe('URGENT');
    expect(decideWorkOrderChange(s({ priority: 'HIGH' }), { kind: 'escalate', reason: 'second call' }, 'c', at).set).toEqual({ priority: 'URGENT' });
    expect(domainErrorOf(() => decideWorkOrderChange(s({ priority: 'URGENT' }), { kind: 'escalate', reason: 'third call' }, 'c', at)).kind).toBe(
      'already_exists',
    );
  });

  it('R-PS-H4 an equipment retrieval closes resolved only with every listed item and its condition; open orders of a withdrawn product are closed first', () => {
    const r = s({ type: 'EQUIPMENT_RETRIEVAL', status: 'ASSIGNED', equipmentToRetrieve: ['ONT-9', 'RTR-2'] });
    expect(
      domainErrorOf(() =>
        decideWorkOrderChange(
          r,
          { kind: 'close', outcome: 'CLOSED_RESOLVED', resolutionNotes: 'picked up', equipmentReturned: [{ code: 'ONT-9', condition: 'OK' }] },
          'c',
          at,
        ),
      ).details.field,
    ).toBe('equipmentReturned');
    const ok = decideWorkOrderChange(
      r,
      {
        kind: 'close',
        outcome: 'CLOSED_RESOLVED',
        resolutionNotes: 'picked up',
        equipmentReturned: [
          { code: 'RTR-2', condition: 'DAMAGED' },
          { code: 'ONT-9', condition: 'OK' },
        ],
      },
      'c',
      at,
    );
    expect((ok.set.resolution as { equipmentReturned: unknown[] }).equipmentReturned).toHaveLength(2);
    expect(closedForWithdrawal({ status: 'ASSIGNED' }, 'req-1', at).set.status).toBe('CLOSED_UNRESOLVED');
    expect(domainErrorOf(() => closedForWithdrawal({ status: 'CLOSED_RESOLVED' }, 'req-1', at)).kind).toBe('illegal_transition');
  });
});

describe('SLA clock', () => {
  const policy = { workOrderDeadlineDays: 5 };
  it('default: the policy days to the end of that local day in the tenant time zone (23:30 local is that local day)', () => {
    // 2026-03-02 23:30 in La Paz (UTC-4) = 2026-03-03T03:30Z: still March 2 locally.
    const created = new Date('2026-03-03T03:30:00Z');
    expect(localDay(created, 'America/La_Paz')).toBe('2026-03-02');
    expect(dueAtFor('INSTALLATION', created, { slaHours: {}, atRiskPercent: 75 }, policy, 'America/La_Paz').toISOString()).toBe('2026-03-08T03:59:59.999Z');
    expect(endOfLocalDay('2026-03-07', 'UTC').toISOString()).toBe('2026-03-07T23:59:59.999Z');
  });

  it('per-type hours from the settings win', () => {
    const created = new Date('2026-03-02T12:00:00Z');
    expect(dueAtFor('REPAIR', created, { slaHours: { REPAIR: 24 }, atRiskPercent: 75 }, policy, 'America/La_Paz').toISOString()).toBe(
      '2026-03-03T12:00:00.000Z',
    );
  });

  it('at risk once the share elapsed, breached past due, a closed order judged at its closing', () => {
    const createdAt = new Date('2026-03-02T00:00:00Z');
    const dueAt = new Date('2026-03-03T00:00:00Z');
    const atRiskAt = atRiskFrom(createdAt, dueAt, 75);
    expect(atRiskAt.toISOString()).toBe('2026-03-02T18:00:00.000Z');
    const wo = { dueAt, atRiskAt, closedAt: null };
    expect(slaAt(wo, new Date('2026-03-02T12:00:00Z'))).toMatchObject({ atRisk: false, breached: false });
    expect(slaAt(wo, new Date('2026-03-02T17:59:59Z'))).toMatchObject({ atRisk: false, breached: false });
    expect(slaAt(wo, new Date('2026-03-02T18:00:00Z'))).toMatchObject({ atRisk: true, breached: false });
    expect(slaAt(wo, new Date('2026-03-03T00:00:00Z'))).toMatchObject({ atRisk: true, breached: false });
    expect(slaAt(wo, new Date('2026-03-03T00:00:00.001Z'))).toMatchObject({ atRisk: false, breached: true });
    expect(slaAt({ ...wo, closedAt: new Date('2026-03-02T20:00:00Z') }, new Date('2026-03-09T00:00:00Z'))).toMatchObject({ atRisk: false, breached: false });
    expect(slaAt({ ...wo, closedAt: new Date('2026-03-03T02:00:00Z') }, new Date('2026-03-09T00:00:00Z'))).toMatchObject({ atRisk: false, breached: true });
  });
});

describe('support visits (§3 L)', () => {
  const now = new Date('2026-03-02T12:00:00Z');
  it('a visit request keeps a tidy description and address, each within its bounds', () => {
    expect(validateVisitRequest({ description: '  no signal  ', address: ' Calle  Junín   99 ' })).toEqual({
      description: 'no signal',
      address: 'Calle Junín 99',
    });
    expect(domainErrorOf(() => validateVisitRequest({ description: ' ab ', address: 'Calle Junín 99' })).details.field).toBe('description');
    expect(domainErrorOf(() => validateVisitRequest({ description: 'no signal', address: 'C 9' })).details.field).toBe('address');
    expect(domainErrorOf(() => validateVisitRequest({ description: 'no signal', address: 'a'.repeat(301) })).details.field).toBe('address');
  });

  it('the remote attempt comes first: solved closes it, otherwise it can be scheduled', () => {
    expect(decideRemoteAttempt('REQUESTED', true, 'fixed by phone', 'a', now).set.status).toBe('RESOLVED_REMOTELY');
    expect(decideRemoteAttempt('REQUESTED', false, 'needs a visit', 'a', now).set.status).toBe('REMOTE_FAILED');
    expect(domainErrorOf(() => decideSchedule('REQUESTED', 'ana-1', new Date('2026-03-03T14:00:00Z'), 60, now)).details).toMatchObject({
      currentStatus: 'REQUESTED',
      allowedFrom: ['REMOTE_FAILED'],
      nextAct: 'recordVisitRemoteAttempt',
    });
  });

  it('a booking holds one slot per 15 minutes, in the future, aligned', () => {
    const { slots, end, analyst } = decideSchedule('REMOTE_FAILED', ' ana-1 ', new Date('2026-03-03T14:00:00Z'), 60, now);
    expect(analyst).toBe('ana-1');
    expect(domainErrorOf(() => decideSchedule('REMOTE_FAILED', ' ', new Date('2026-03-03T14:00:00Z'), 60, now)).details.field).toBe('analystId');
    expect(domainErrorOf(() => decideSchedule('REMOTE_FAILED', 'a'.repeat(61), new Date('2026-03-03T14:00:00Z'), 60, now)).details.field).toBe('analystId');
    expect(slots.map((d) => d.toISOString().slice(11, 16))).toEqual(['14:00', '14:15', '14:30', '14:45']);
    expect(end.toISOString()).toBe('2026-03-03T15:00:00.000Z');
    expect(domainErrorOf(() => decideSchedule('REMOTE_FAILED', 'ana-1', new Date('2026-03-03T14:05:00Z'), 60, now)).details.field).toBe('start');
    expect(domainErrorOf(() => decideSchedule('REMOTE_FAILED', 'ana-1', new Date('2026-03-01T14:00:00Z'), 60, now)).details.field).toBe('start');
    expect(domainErrorOf(() => decideSchedule('REMOTE_FAILED', 'ana-1', new Date('2026-03-03T14:00:00Z'), 50, now)).details.field).toBe('durationMinutes');
  });

  it('the quality call closes a visited visit; NOT_OK raises a ticket and so needs the service and a phone; notes bounded', () => {
    expect(decideQualityCall('VISITED', { outcome: 'NOT_OK', service: 'INTERNET', referencePhone: '70799999', notes: ' still down ' })).toEqual({
      raiseTicket: true,
      notes: 'still down',
    });
    expect(decideQualityCall('VISITED', { outcome: 'OK' })).toEqual({ raiseTicket: false, notes: null });
    expect(domainErrorOf(() => decideQualityCall('VISITED', { outcome: 'NOT_OK', service: 'INTERNET' })).details.field).toBe('service');
    expect(domainErrorOf(() => decideQualityCall('VISITED', { outcome: 'OK', notes: 'n'.repeat(2001) })).details.field).toBe('notes');
    expect(domainErrorOf(() => decideQualityCall('SCHEDULED', { outcome: 'OK' })).details.currentStatus).toBe('SCHEDULED');
  });

  it('the engineering record validates its equipment before anything is closed', () => {
    expect(
      decideEngineeringRecord('SCHEDULED', { findings: 'bad port', actions: 'moved', equipmentUsed: [{ code: ' PATCH-1 ', quantity: 2 }] }).equipmentUsed,
    ).toEqual([{ code: 'PATCH-1', quantity: 2 }]);
    expect(
      domainErrorOf(() => decideEngineeringRecord('SCHEDULED', { findings: 'bad port', actions: 'moved', equipmentUsed: [{ code: 'PATCH-1', quantity: 0 }] }))
        .details.field,
    ).toBe('equipmentUsed');
  });

  it('a calendar slot is held by a booked visit of that analyst covering it; a visit that never recorded the booking holds none', () => {
    const v = { status: 'SCHEDULED' as const, analystId: 'ana-1', start: new Date('2026-03-03T14:00:00Z'), end: new Date('2026-03-03T15:00:00Z') };
    expect(holdsSlot(v, 'ana-1', new Date('2026-03-03T14:45:00Z'))).toBe(true);
    expect(holdsSlot(v, 'ana-1', new Date('2026-03-03T15:00:00Z'))).toBe(false);
    expect(holdsSlot(v, 'ana-1', new Date('2026-03-03T13:45:00Z'))).toBe(false);
    expect(holdsSlot(v, 'ana-2', new Date('2026-03-03T14:00:00Z'))).toBe(false);
    expect(holdsSlot({ ...v, status: 'CLOSED' }, 'ana-1', new Date('2026-03-03T14:00:00Z'))).toBe(true);
    expect(holdsSlot({ status: 'REMOTE_FAILED', analystId: null, start: null, end: null }, 'ana-1', new Date('2026-03-03T14:00:00Z'))).toBe(false);
    expect(holdsSlot(null, 'ana-1', new Date('2026-03-03T14:00:00Z'))).toBe(false);
  });
});

describe('settings', () => {
  it('SLA hours per type, at-risk share and cable price are validated; money parsed to minor units', () => {
    const next = applySettingsChange(DEFAULT_TECHSUPPORT_SETTINGS, { slaHours: [{ type: 'REPAIR', hours: 24 }], excessCablePerMeter: '7.50' }, 'BOB');
    expect(next).toMatchObject({ slaHours: { REPAIR: 24 }, excessCablePerMeterMinor: 750, atRiskPercent: 75, includedCableM: 300 });
    expect(domainErrorOf(() => applySettingsChange(DEFAULT_TECHSUPPORT_SETTINGS, { atRiskPercent: 100 }, 'BOB')).details.field).toBe('atRiskPercent');
    expect(domainErrorOf(() => applySettingsChange(DEFAULT_TECHSUPPORT_SETTINGS, { slaHours: [{ type: 'REPAIR', hours: 0 }] }, 'BOB')).details.field).toBe(
      'slaHours',
    );
  });
});
