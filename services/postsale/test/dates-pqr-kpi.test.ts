import { businessCalendar, localDay, localMonth, WEEKDAYS_ONLY } from '@vinculo/common';
import { addMonths, assertDate } from '../src/domain/dates';
import { pqrDeadline, slaClock } from '../src/domain/pqr';
import { isEffective, postSaleKpi, postSaleKpiBy, type KpiRequest } from '../src/domain/indicators';
import { checkRequirements, missingOf, requiredDocuments } from '../src/domain/requirements';
import { requireStatus, resolutionAfterQc, statusAfterChecklist, statusAfterEntry } from '../src/domain/request';
import { domainErrorOf } from '@vinculo/common/testing';

describe('tenant-local dates', () => {
  it('a request at 23:30 in La Paz (UTC−4) is still that local day, though it is tomorrow in UTC', () => {
    const at = new Date('2026-03-31T03:30:00Z'); // 30 March 23:30 in La Paz
    expect(localDay(at, 'America/La_Paz')).toBe('2026-03-30');
    expect(localMonth(at, 'America/La_Paz')).toBe('2026-03');
    expect(localDay(at, 'UTC')).toBe('2026-03-31');
  });
  it('adds months clamping to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
  it('validates real calendar dates (BAD_USER_INPUT naming the field)', () => {
    expect(assertDate('2028-02-29', 'startDate')).toBe('2028-02-29');
    expect(domainErrorOf(() => assertDate('2026-02-29', 'startDate')).details.field).toBe('startDate');
    expect(domainErrorOf(() => assertDate('2026-3-1', 'endDate')).kind).toBe('invalid_input');
  });
  it('counts business days Monday to Friday', () => {
    expect(WEEKDAYS_ONLY.addBusinessDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(WEEKDAYS_ONLY.businessDaysBetween('2026-11-20', '2026-11-27')).toBe(5);
  });
});

describe('PQR answer deadline and SLA clock', () => {
  it('the deadline is policy business days after the local day received; breached after it', () => {
    expect(pqrDeadline('2026-11-20', 15, WEEKDAYS_ONLY)).toBe('2026-12-11');
    expect(slaClock('2026-12-11', '2026-11-20', WEEKDAYS_ONLY)).toEqual({ deadline: '2026-12-11', businessDaysLeft: 15, breached: false });
    expect(slaClock('2026-12-11', '2026-12-11', WEEKDAYS_ONLY)).toEqual({ deadline: '2026-12-11', businessDaysLeft: 0, breached: false });
    expect(slaClock('2026-12-11', '2026-12-14', WEEKDAYS_ONLY).breached).toBe(true);
  });
  it('R-PS-PQR1 the deadline skips the national holidays of the tenant calendar (Colombia: 8 December; Bolivia: 22 January and Carnival)', () => {
    // Colombia: received Friday 20 Nov 2026, Tuesday 8 December (Inmaculada Concepción) is not counted.
    expect(pqrDeadline('2026-11-20', 15, businessCalendar('CO'))).toBe('2026-12-14');
    // Bolivia: received Wednesday 20 Jan 2027; Friday 22 Jan and Carnival (8–9 Feb) skipped: 15 Feb, not 10 Feb.
    expect(pqrDeadline('2027-01-20', 15, businessCalendar('BO'))).toBe('2027-02-15');
    expect(pqrDeadline('2027-01-20', 15, WEEKDAYS_ONLY)).toBe('2027-02-10');
    // The SLA clock counts the same days: from the day before the holiday, 8 business days to go, not 9.
    expect(slaClock('2026-12-14', '2026-12-02', businessCalendar('CO')).businessDaysLeft).toBe(7);
    expect(slaClock('2026-12-14', '2026-12-02', WEEKDAYS_ONLY).businessDaysLeft).toBe(8);
    // A tenant's own non-working day counts too.
    expect(pqrDeadline('2026-11-20', 1, businessCalendar('CO', ['2026-11-23']))).toBe('2026-11-24');
  });
});

describe('R-PS-KPI', () => {
  const t = { efficacyAcceptedAbove: 98, timelinessAcceptedAbove: 95, timelinessHours: 24 };
  const ready = new Date('2026-03-02T12:00:00Z');
  const after = (h: number) => new Date(ready.getTime() + h * 3_600_000);
  const req = (over: Partial<KpiRequest>): KpiRequest => ({
    type: 'PLAN_CHANGE',
    team: 'A',
    readyAt: ready,
    attendedAt: after(2),
    resolution: 'DONE',
    ...over,
  });

  it('R-PS-KPI efficacy and timeliness with the numbers behind them and the status by threshold', () => {
    const list = [
      req({}),
      req({ attendedAt: after(23.99) }),
      req({ attendedAt: after(24) }), // not < 24 h
      req({ resolution: 'QC_FAILED' }),
      req({ attendedAt: null, resolution: null }), // still open: counted, neither effective nor timely
      req({ readyAt: null, attendedAt: null, resolution: null }), // waiting for the customer: not counted
    ];
    expect(postSaleKpi(list, t)).toEqual({
      requests: 5,
      effective: 3,
      timely: 3,
      efficacyPercent: 60,
      timelinessPercent: 60,
      efficacyStatus: 'OBSERVED',
      timelinessStatus: 'OBSERVED',
    });
    expect(postSaleKpi([req({}), req({ resolution: 'RETAINED' })], t)).toMatchObject({
      efficacyPercent: 100,
      efficacyStatus: 'ACCEPTED',
      timelinessStatus: 'ACCEPTED',
    });
    expect(postSaleKpi([], t)).toMatchObject({ requests: 0, efficacyPercent: null, efficacyStatus: null });
  });

  it('R-PS-KPI thresholds are strict ("> 98 %") and come from the tenant', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => req({ resolution: i === 0 ? 'QC_FAILED' : 'DONE' })); // 98 %
    expect(postSaleKpi(fifty, t).efficacyStatus).toBe('OBSERVED');
    expect(postSaleKpi(fifty, { ...t, efficacyAcceptedAbove: 97 }).efficacyStatus).toBe('ACCEPTED');
    expect(postSaleKpi([req({ attendedAt: after(30) })], { ...t, timelinessHours: 48 }).timely).toBe(1);
  });

  it('R-PS-KPI a request cancelled before entry, incomplete or not feasible is not attended effectively', () => {
    for (const resolution of ['CANCELLED', 'INCOMPLETE', 'NOT_FEASIBLE', 'PENALTY_DECLINED', 'WORK_ORDER_UNRESOLVED', 'QC_FAILED'] as const) {
      expect(isEffective(req({ resolution }))).toBe(false);
    }
    for (const resolution of ['DONE', 'ANSWERED', 'RETAINED'] as const) expect(isEffective(req({ resolution }))).toBe(true);
  });

  it('R-PS-KPI per team and per request type', () => {
    const by = postSaleKpiBy([req({ team: 'B' }), req({ team: 'A', resolution: 'QC_FAILED' })], (r) => r.team, t);
    expect(by.map((g) => [g.key, g.value.effective, g.value.requests])).toEqual([
      ['A', 0, 1],
      ['B', 1, 1],
    ]);
  });
});

describe('request model', () => {
  it('checks requirements per type; a business also shows its NIT and power of attorney', () => {
    // Seed 002 G: own carrier → the request letter only (a business too); partner carrier → nothing.
    expect(requiredDocuments('CALL_DETAIL', 'PERSON', { carrier: 'OWN' })).toEqual(['REQUEST_LETTER']);
    expect(requiredDocuments('CALL_DETAIL', 'BUSINESS', { carrier: 'OWN' })).toEqual(['REQUEST_LETTER']);
    expect(requiredDocuments('CALL_DETAIL', 'BUSINESS', { carrier: 'PARTNER' })).toEqual([]);
    expect(requiredDocuments('SUSPENSION', 'BUSINESS')).toEqual(['REQUEST_LETTER', 'ID_DOCUMENT', 'TAX_ID', 'POWER_OF_ATTORNEY']);
    expect(requiredDocuments('PQR', 'BUSINESS')).toEqual([]);
    const checklist = checkRequirements(['REQUEST_LETTER', 'ID_DOCUMENT'], ['ID_DOCUMENT']);
    expect(missingOf(checklist)).toEqual(['REQUEST_LETTER']);
    expect(statusAfterChecklist(missingOf(checklist))).toBe('WAITING_CUSTOMER');
    expect(statusAfterChecklist([])).toBe('RECEIVED');
  });
  it('routes an entered request to the field, the answer or the QC call; illegal moves are FAILED_PRECONDITION naming the state', () => {
    expect(statusAfterEntry('WITHDRAWAL', true)).toBe('IN_FIELD');
    expect(statusAfterEntry('PQR', false)).toBe('AWAITING_ANSWER');
    expect(statusAfterEntry('PLAN_CHANGE', false)).toBe('QC_PENDING');
    const err = domainErrorOf(() => requireStatus('enter the request', 'CLOSED', ['RECEIVED']));
    expect(err.kind).toBe('illegal_transition');
    expect(err.message).toContain('CLOSED');
    expect(resolutionAfterQc('OK', 'DONE')).toBe('DONE');
    expect(resolutionAfterQc('NOT_OK', 'DONE')).toBe('QC_FAILED');
  });
});
