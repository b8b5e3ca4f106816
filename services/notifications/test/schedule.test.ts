import {
  applyScheduleChange,
  DEFAULT_SCHEDULES,
  duePeriod,
  effectiveSchedules,
  previousMonth,
  reportDecision,
  type ReportSchedule,
} from '../src/domain/schedule';
import { deadlineAlertsDue } from '../src/domain/deadlines';
import {
  executiveMonthlyContent,
  recordsOf,
  reportMessage,
  teamMonthlyContent,
  worklistContent,
  type ExecutiveMonthlyAnswer,
} from '../src/domain/report-content';
import { documentRefOf } from '../src/application/documents';
import { effectiveRules, rulesFor } from '../src/domain/rules';

const of = (report: string): ReportSchedule => effectiveSchedules([]).find((s) => s.report === report)!;

describe('report schedule: due now?', () => {
  it('a daily report is due from its local hour, for that day', () => {
    expect(duePeriod(of('LOYALTY_DAILY'), '2026-12-09', 17)).toBeNull();
    expect(duePeriod(of('LOYALTY_DAILY'), '2026-12-09', 18)).toEqual({ period: '2026-12-09', covers: '2026-12-09' });
    expect(duePeriod(of('COLLECTIONS_WORKLIST'), '2026-12-09', 8)).toEqual({ period: '2026-12-09', covers: '2026-12-09' });
  });

  it('a weekly report is due from its weekday and hour, for that week (its Monday)', () => {
    const s = { ...of('PROPOSALS_WEEKLY'), weekday: 3 };
    expect(duePeriod(s, '2026-12-08', 23)).toBeNull(); // Tuesday
    expect(duePeriod(s, '2026-12-09', 7)).toBeNull(); // Wednesday 07:00
    expect(duePeriod(s, '2026-12-09', 8)).toEqual({ period: '2026-12-07', covers: '2026-12-07' });
    expect(duePeriod(s, '2026-12-13', 0)).toEqual({ period: '2026-12-07', covers: '2026-12-07' }); // Sunday: same week
  });

  it('a monthly report is due from its day and hour, and reports the month before', () => {
    expect(duePeriod(of('TEAM_MONTHLY'), '2026-12-01', 12)).toBeNull(); // day 2 by default
    expect(duePeriod(of('TEAM_MONTHLY'), '2026-12-02', 9)).toEqual({ period: '2026-12', covers: '2026-11' });
    expect(duePeriod(of('EXECUTIVE_MONTHLY'), '2027-01-01', 9)).toEqual({ period: '2027-01', covers: '2026-12' });
    expect(previousMonth('2027-01')).toBe('2026-12');
  });

  it('a report turned off is never due', () => {
    expect(reportDecision({ ...of('LOYALTY_DAILY'), enabled: false }, '2026-12-09', 23, null)).toEqual({ send: false, reason: 'OFF' });
  });
});

describe('report schedule: already sent this period?', () => {
  const s = of('LOYALTY_DAILY');
  it('sends once per period, again the next period', () => {
    expect(reportDecision(s, '2026-12-09', 19, null)).toEqual({ send: true, period: '2026-12-09', covers: '2026-12-09' });
    expect(reportDecision(s, '2026-12-09', 22, '2026-12-09')).toEqual({ send: false, reason: 'ALREADY_SENT' });
    expect(reportDecision(s, '2026-12-10', 10, '2026-12-09')).toEqual({ send: false, reason: 'NOT_YET' });
    expect(reportDecision(s, '2026-12-10', 18, '2026-12-09')).toMatchObject({ send: true, period: '2026-12-10' });
  });
  it('a monthly report sent this month waits for the next one', () => {
    const m = of('EXECUTIVE_MONTHLY');
    expect(reportDecision(m, '2026-12-20', 9, '2026-12')).toEqual({ send: false, reason: 'ALREADY_SENT' });
    expect(reportDecision(m, '2027-01-01', 9, '2026-12')).toMatchObject({ send: true, period: '2027-01', covers: '2026-12' });
  });
});

describe('report schedule: ADMIN changes', () => {
  it('changes the hour, weekday or day it has, keeps the frequency', () => {
    const r = applyScheduleChange([], { report: 'PROPOSALS_WEEKLY', weekday: 5, hour: 16 });
    expect(r.problems).toEqual([]);
    expect(r.schedule).toEqual({ report: 'PROPOSALS_WEEKLY', frequency: 'WEEKLY', hour: 16, weekday: 5, dayOfMonth: null, enabled: true });
    const m = applyScheduleChange([r.schedule!], { report: 'EXECUTIVE_MONTHLY', dayOfMonth: 3 });
    expect(m.schedule).toMatchObject({ frequency: 'MONTHLY', dayOfMonth: 3, hour: 9 });
    expect(effectiveSchedules([r.schedule!]).find((s) => s.report === 'PROPOSALS_WEEKLY')!.weekday).toBe(5);
    expect(effectiveSchedules([])).toEqual(DEFAULT_SCHEDULES);
  });
  it('refuses every bad field at once, and stores nothing', () => {
    const r = applyScheduleChange([], { report: 'LOYALTY_DAILY', hour: 24, weekday: 2, dayOfMonth: 3 });
    expect(r.schedule).toBeNull();
    expect(r.problems).toHaveLength(3);
    expect(applyScheduleChange([], { report: 'EXECUTIVE_MONTHLY', dayOfMonth: 31 }).problems[0]).toMatch(/^dayOfMonth: a day from 1 to 28/);
    expect(applyScheduleChange([], { report: 'PROPOSALS_WEEKLY', weekday: 0 }).problems[0]).toMatch(/^weekday/);
    expect(applyScheduleChange([], { report: 'NOPE' }).problems[0]).toMatch(/^report: unknown report NOPE/);
    expect(applyScheduleChange([], { report: 'LOYALTY_DAILY', hour: 7.5 }).problems[0]).toMatch(/^hour/);
  });
});

describe('PQR SLA alerts', () => {
  const pqr = (dueDay: string, open = true) => ({ kind: 'PQR' as const, key: 'req-1', dueDay, open });
  it('at risk from the day before its answer deadline, breached the day after, never when answered', () => {
    expect(deadlineAlertsDue(pqr('2026-12-10'), '2026-12-08')).toEqual([]);
    expect(deadlineAlertsDue(pqr('2026-12-10'), '2026-12-09')).toEqual([{ type: 'sla.PqrAtRisk', id: 'sla:pqr:req-1:2026-12-10:AT_RISK' }]);
    expect(deadlineAlertsDue(pqr('2026-12-10'), '2026-12-10')).toEqual([{ type: 'sla.PqrAtRisk', id: 'sla:pqr:req-1:2026-12-10:AT_RISK' }]);
    expect(deadlineAlertsDue(pqr('2026-12-10'), '2026-12-11')).toEqual([{ type: 'sla.PqrBreached', id: 'sla:pqr:req-1:2026-12-10:BREACHED' }]);
    expect(deadlineAlertsDue(pqr('2026-12-10', false), '2026-12-11')).toEqual([]);
  });
});

describe('report building', () => {
  const money = (amount: string) => ({ amount, currency: 'BOB' });
  const exec = (id: string, captures: number): ExecutiveMonthlyAnswer => ({
    executiveId: id,
    month: '2026-11',
    target: { newCapturesCount: 4, newCapturesAmount: money('1000.00'), portfolioAmount: money('500.00') },
    newCaptures: captures,
    newCapturesAmount: money('250.50'),
    portfolioSales: 1,
    portfolioAmount: money('120.00'),
    newCapturesAttainment: (captures / 4) * 100,
    portfolioAttainment: 24,
    lostProjects: 1,
    openProjects: 2,
  });

  it("the executive's report carries the owner's figures in the body and one row", () => {
    const c = executiveMonthlyContent(exec('e1', 3), 'Ana Rojas');
    const m = reportMessage(c);
    expect(m.subject).toBe('Informe mensual de Ana Rojas, 2026-11');
    expect(m.text).toContain('Captaciones nuevas: 3 de 4 (75 %)');
    expect(m.text).toContain('250.50 BOB');
    expect(recordsOf(c)).toEqual([expect.objectContaining({ ejecutivo: 'Ana Rojas', captaciones: 3, 'meta captaciones': 4, 'monto captaciones': '250.50' })]);
  });

  it("the team's report has one row per executive, named", () => {
    const c = teamMonthlyContent(
      {
        leadId: 'l1',
        month: '2026-11',
        executives: [exec('e1', 3), exec('e2', 1)],
        newCaptures: 4,
        newCapturesTarget: 8,
        newCapturesAmount: money('501.00'),
        portfolioAmount: money('240.00'),
        newCapturesAttainment: 50,
      },
      'Luis',
      (id) => ({ e1: 'Ana', e2: 'Bea' })[id] ?? id,
    );
    expect(c.rows.map((r) => r[0])).toEqual(['Ana', 'Bea']);
    expect(reportMessage(c).text).toContain('Captaciones nuevas: 4 de 8 (50 %)');
  });

  it('the worklist sums the overdue amounts to the cent per currency', () => {
    const node = (n: string, amount: string) => ({
      billingAccount: { id: n, accountNumber: n },
      customer: { name: `C ${n}` },
      overdueAmount: money(amount),
      pendingPromise: null,
      followUpDue: true,
    });
    const c = worklistContent({ edges: [{ node: node('BA-1', '100.10') }, { node: node('BA-2', '0.20') }] }, 'e1', 'Ana', '2026-12-09');
    expect(c.figures).toContainEqual(['Monto en mora', '100.3 BOB']);
    expect(c.rows).toHaveLength(2);
  });
});

describe('e-mails with generated documents', () => {
  it('an overdue account mails the carta de mora to the executive; a compliance review the proposal version', () => {
    const overdue = rulesFor(effectiveRules([]), 'collections.AccountStandingChanged', { standing: 'OVERDUE' });
    expect(overdue.map((r) => [r.id, r.attach])).toEqual([['account-overdue', 'OVERDUE_LETTER']]);
    expect(rulesFor(effectiveRules([]), 'collections.AccountStandingChanged', { standing: 'UP_TO_DATE' })).toEqual([]);
    expect(documentRefOf('OVERDUE_LETTER', { billingAccountId: 'ba-1' })).toEqual({ type: 'OVERDUE_LETTER', entityId: 'ba-1', version: null });
    expect(documentRefOf('PROPOSAL_VERSION', { opportunityId: 'op-1', version: 2 })).toEqual({ type: 'PROPOSAL_VERSION', entityId: 'op-1', version: 2 });
    expect(documentRefOf('OVERDUE_LETTER', {})).toBeNull();
  });
});
