import type { Principal } from '@vinculo/common';
import { domainErrorOf } from '@vinculo/common/testing';
import {
  decideOutcome,
  decideScheduleManager,
  decideVisitMove,
  overlappingSlots,
  overlaps,
  requireVisitor,
  slotHolds,
  SLOT_LEASE_MS,
  validVisitDetails,
  validVisitTime,
  type Slot,
} from '../src/domain/visit';
import type { EmployeeState } from '../src/domain/employee';

const at = (iso: string) => new Date(iso);
const TZ = 'America/La_Paz';
const slot = (visitId: string, from: string, to: string, reservedAt = '2026-03-01T00:00:00Z'): Slot => ({
  visitId,
  startsAt: at(from),
  endsAt: at(to),
  reservedAt: at(reservedAt),
});

describe('visit time (tenant time zone)', () => {
  test('booked under the local day of its start', () => {
    expect(validVisitTime({ startsAt: at('2026-03-10T23:00:00Z'), endsAt: at('2026-03-11T00:30:00Z') }, TZ)).toBe('2026-03-10');
    expect(validVisitTime({ startsAt: at('2026-03-11T03:00:00Z'), endsAt: at('2026-03-11T04:00:00Z') }, TZ)).toBe('2026-03-10');
  });
  test.each([
    ['ends before it starts', '2026-03-10T15:00:00Z', '2026-03-10T14:00:00Z'],
    ['shorter than 5 minutes', '2026-03-10T15:00:00Z', '2026-03-10T15:04:00Z'],
    ['longer than 12 hours', '2026-03-10T12:00:00Z', '2026-03-11T00:30:00Z'],
    ['crosses local midnight', '2026-03-11T03:30:00Z', '2026-03-11T04:30:00Z'],
  ])('%s → BAD_USER_INPUT on endsAt', (_label, from, to) => {
    expect(domainErrorOf(() => validVisitTime({ startsAt: at(from), endsAt: at(to) }, TZ)).details.field).toBe('endsAt');
  });
});

describe('visit details', () => {
  test('a customer or a prospect company, exactly one', () => {
    expect(validVisitDetails({ prospectCompany: ' Logística  Norte ', location: 'Av. América 100' })).toMatchObject({
      customerId: null,
      prospectCompany: 'Logística Norte',
    });
    expect(domainErrorOf(() => validVisitDetails({ location: 'Av. América 100' })).details.field).toBe('customerId');
    expect(domainErrorOf(() => validVisitDetails({ customerId: 'c1', prospectCompany: 'X SA', location: 'Av. América 100' })).details.field).toBe('customerId');
  });
});

describe('overlap: half-open intervals', () => {
  test('back to back is fine, any shared minute is not', () => {
    const a = { startsAt: at('2026-03-10T14:00:00Z'), endsAt: at('2026-03-10T15:00:00Z') };
    expect(overlaps(a, { startsAt: at('2026-03-10T15:00:00Z'), endsAt: at('2026-03-10T16:00:00Z') })).toBe(false);
    expect(overlaps(a, { startsAt: at('2026-03-10T14:59:00Z'), endsAt: at('2026-03-10T16:00:00Z') })).toBe(true);
    expect(overlaps(a, { startsAt: at('2026-03-10T14:15:00Z'), endsAt: at('2026-03-10T14:30:00Z') })).toBe(true);
  });
  test('a visit never overlaps itself (rescheduling within its own time)', () => {
    const slots = [slot('v1', '2026-03-10T14:00:00Z', '2026-03-10T15:00:00Z'), slot('v2', '2026-03-10T16:00:00Z', '2026-03-10T17:00:00Z')];
    expect(overlappingSlots(slots, slot('v1', '2026-03-10T14:30:00Z', '2026-03-10T15:30:00Z'))).toEqual([]);
    expect(overlappingSlots(slots, slot('v3', '2026-03-10T14:30:00Z', '2026-03-10T16:30:00Z')).map((s) => s.visitId)).toEqual(['v1', 'v2']);
  });
});

describe('a slot holds its time while its visit is there (crash-safe booking)', () => {
  const s = slot('v1', '2026-03-10T14:00:00Z', '2026-03-10T15:00:00Z', '2026-03-01T10:00:00Z');
  const later = at('2026-03-01T11:00:00Z');
  test('its SCHEDULED or DONE visit at that very time holds it', () => {
    expect(slotHolds(s, { status: 'SCHEDULED', startsAt: s.startsAt, endsAt: s.endsAt }, later)).toBe(true);
    expect(slotHolds(s, { status: 'DONE', startsAt: s.startsAt, endsAt: s.endsAt }, later)).toBe(true);
  });
  test('cancelled, moved or never written: only within the lease', () => {
    expect(slotHolds(s, { status: 'CANCELLED', startsAt: s.startsAt, endsAt: s.endsAt }, later)).toBe(false);
    expect(slotHolds(s, { status: 'SCHEDULED', startsAt: at('2026-03-10T18:00:00Z'), endsAt: at('2026-03-10T19:00:00Z') }, later)).toBe(false);
    expect(slotHolds(s, null, later)).toBe(false);
    expect(slotHolds(s, null, new Date(s.reservedAt.getTime() + SLOT_LEASE_MS - 1))).toBe(true);
  });
});

describe('who manages a schedule, and the visit lifecycle', () => {
  const e1: EmployeeState = { employeeId: 'e1', roles: ['ACCOUNT_EXECUTIVE'], teamLeadId: 'lead', active: true };
  const p = (userId: string, role: Principal['roles'][number]): Principal => ({ userId, tenantId: 't', roles: [role], scopes: ['read'] });
  test('own schedule, or the lead for the team; nobody else', () => {
    expect(() => decideScheduleManager(p('e1', 'ACCOUNT_EXECUTIVE'), e1)).not.toThrow();
    expect(() => decideScheduleManager(p('lead', 'SALES_TEAM_LEAD'), e1)).not.toThrow();
    expect(domainErrorOf(() => decideScheduleManager(p('e2', 'ACCOUNT_EXECUTIVE'), e1)).kind).toBe('forbidden');
    expect(domainErrorOf(() => decideScheduleManager(p('lead', 'ACCOUNT_EXECUTIVE'), e1)).kind).toBe('forbidden');
  });
  test('R-CUS-VS1: an active account executive or lead', () => {
    expect(() => requireVisitor(e1)).not.toThrow();
    expect(domainErrorOf(() => requireVisitor({ ...e1, active: false })).details.rule).toBe('R-CUS-VS1');
    expect(domainErrorOf(() => requireVisitor({ ...e1, roles: ['TECHNICAL_ANALYST'] })).details.rule).toBe('R-CUS-VS1');
  });
  test('SCHEDULED → DONE | CANCELLED; nothing moves after', () => {
    expect(() => decideVisitMove('SCHEDULED', 'CANCELLED')).not.toThrow();
    expect(domainErrorOf(() => decideVisitMove('DONE', 'CANCELLED')).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => decideVisitMove('CANCELLED', 'RESCHEDULED')).kind).toBe('illegal_transition');
  });
  test('R-CUS-VS2: an outcome once the visit has started', () => {
    const visit = { status: 'SCHEDULED' as const, startsAt: at('2026-03-10T14:00:00Z') };
    expect(decideOutcome(visit, ' Interesados en fibra ', at('2026-03-10T14:30:00Z'))).toBe('Interesados en fibra');
    expect(domainErrorOf(() => decideOutcome(visit, 'Interesados', at('2026-03-10T13:00:00Z'))).details.rule).toBe('R-CUS-VS2');
    expect(domainErrorOf(() => decideOutcome(visit, ' ', at('2026-03-10T14:30:00Z'))).kind).toBe('invalid_input');
  });
});
