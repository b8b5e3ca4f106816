import { DEFAULT_RULES, effectiveRules, ruleProblems, addressProblems, rulesFor, isEmail, type NotificationRule } from '../src/domain/rules';
import { resolveRecipients, type StaffMember } from '../src/domain/recipients';
import { DEFAULT_TEMPLATES, missingFields, render } from '../src/domain/templates';
import { slaAlertsDue, slaState } from '../src/domain/sla';
import { afterFailure, nextAttemptDelay } from '../src/domain/delivery';
import { deadlineAlertsDue } from '../src/domain/deadlines';
import { PROPOSALS_WEEKLY, toCsv, weeklyReportDue } from '../src/domain/reports';
import { eventFieldCatalog } from '../src/application/catalog';
import { ROLES } from '@vinculo/common';

const person = (employeeId: string, roles: string[], extra: Partial<StaffMember> = {}): StaffMember => ({
  employeeId,
  name: employeeId.toUpperCase(),
  email: `${employeeId}@x.test`,
  roles,
  teamLeadId: null,
  active: true,
  ...extra,
});

const STAFF = [
  person('lead', ['SALES_TEAM_LEAD']),
  person('exec', ['ACCOUNT_EXECUTIVE'], { teamLeadId: 'lead' }),
  person('utar', ['CLAIMS_UNIT']),
  person('utar-old', ['CLAIMS_UNIT'], { active: false }),
  person('head', ['COMMERCIAL_DIRECTOR']),
];

const claimRule = DEFAULT_RULES.find((r) => r.id === 'claim-escalated')!;
const catalog = eventFieldCatalog();
const known = (addresses = ['CLAIMS_UNIT', 'DIVISION_HEAD', 'INVOLVED_AREAS', 'COMPLIANCE', 'TECHNICAL_COORDINATION']) => ({
  eventTypes: new Set(catalog.keys()),
  roles: new Set<string>(ROLES),
  addresses: new Set(addresses),
  templateFields: (key: string, eventType: string) => {
    const t = DEFAULT_TEMPLATES.find((x) => x.key === key);
    return t ? missingFields(t, catalog.get(eventType) ?? []) : null;
  },
});

describe('notification rules (pure)', () => {
  test('R-COL-F1 the escalation reaches the claims unit on To, team lead of the executive and division head on Cc', () => {
    const { recipients, unresolved } = resolveRecipients(claimRule.recipients, {
      staff: STAFF,
      addresses: effectiveRulesAddresses(),
      actorId: 'clerk',
      executiveId: 'exec',
    });
    expect(unresolved).toEqual([]);
    expect(recipients.map((r) => [r.userId, r.copy])).toEqual([
      ['utar', false],
      ['lead', true],
      ['head', true],
    ]);
  });

  test('a person named on To and on Cc stays on To; an inactive holder is left out; a missing team lead is reported, the others still resolve', () => {
    const { recipients, unresolved } = resolveRecipients(
      [{ kind: 'ROLE', role: 'CLAIMS_UNIT', copy: true }, { kind: 'ROLE', role: 'CLAIMS_UNIT' }, { kind: 'TEAM_LEAD_OF_EXECUTIVE' }],
      { staff: STAFF, addresses: [], actorId: null, executiveId: 'head' },
    );
    expect(recipients.map((r) => [r.userId, r.copy])).toEqual([['utar', false]]);
    expect(unresolved).toEqual([{ spec: 'TEAM_LEAD_OF_EXECUTIVE', reason: 'no active team lead known for head' }]);
  });

  test('a broken address never blocks the others: an invalid e-mail is marked, the person still resolves', () => {
    const staff = [...STAFF.filter((s) => s.employeeId !== 'utar'), person('utar', ['CLAIMS_UNIT'], { email: 'no-at-sign' })];
    const { recipients } = resolveRecipients(claimRule.recipients, { staff, addresses: effectiveRulesAddresses(), actorId: null, executiveId: 'exec' });
    expect(recipients.find((r) => r.userId === 'utar')).toMatchObject({ email: null, emailProblem: 'invalid e-mail address "no-at-sign"' });
    expect(recipients.filter((r) => r.email).map((r) => r.userId)).toEqual(['lead', 'head']);
  });

  test('a named address may be a plain mailbox (e-mail only, no inbox)', () => {
    const { recipients } = resolveRecipients([{ kind: 'NAMED', name: 'CLAIMS_UNIT' }], {
      staff: [],
      addresses: [{ name: 'CLAIMS_UNIT', email: 'utar@coop.test' }],
      actorId: null,
      executiveId: null,
    });
    expect(recipients).toEqual([{ userId: null, name: 'CLAIMS_UNIT', email: 'utar@coop.test', copy: false }]);
  });

  test('every default rule is valid against the event contracts and its template', () => {
    for (const r of DEFAULT_RULES) expect({ id: r.id, problems: ruleProblems(r, known()) }).toEqual({ id: r.id, problems: [] });
  });

  test('bad rules are refused with each problem named: unknown event type, role, address, channel; template fields the event lacks', () => {
    const bad: NotificationRule = {
      ...claimRule,
      id: 'Bad Id',
      eventType: 'collections.BillingClaimRegistered',
      recipients: [
        { kind: 'ROLE', role: 'WIZARD' },
        { kind: 'NAMED', name: 'NOBODY' },
      ],
      channels: ['SMS' as never],
    };
    const messages = ruleProblems(bad, known()).map((p) => p.message);
    expect(messages).toEqual([
      'rule id "Bad Id": lower-case letters, digits and dashes, up to 64',
      'unknown channel "SMS"',
      'unknown role "WIZARD"',
      'unknown named address "NOBODY"',
      'template "claim-escalated" refers to "data.escalations", which collections.BillingClaimRegistered does not carry',
    ]);
    expect(ruleProblems({ ...claimRule, eventType: 'nope.Nothing' }, known()).map((p) => p.message)).toEqual(['unknown event type "nope.Nothing"']);
    expect(ruleProblems({ ...claimRule, template: 'missing' }, known()).map((p) => p.message)).toEqual(['unknown template "missing"']);
  });

  test('addresses: an invalid e-mail or an empty address is refused', () => {
    const roles = new Set<string>(ROLES);
    expect(addressProblems({ name: 'DIVISION_HEAD', email: 'x@' }, roles).map((p) => p.message)).toEqual(['invalid e-mail address "x@"']);
    expect(addressProblems({ name: 'EMPTY' }, roles).map((p) => p.message)).toEqual(['address EMPTY needs a role, an employee or an e-mail']);
    expect(isEmail('ana.perez@coop-telecom.bo')).toBe(true);
    expect(isEmail('ana perez@coop.bo')).toBe(false);
  });

  test('a tenant rule with a default id replaces the default; a condition filters by the event data', () => {
    const rules = effectiveRules([{ ...claimRule, enabled: false }]);
    expect(rulesFor(rules, 'collections.BillingClaimEscalated')).toEqual([]);
    expect(rulesFor(DEFAULT_RULES, 'techsupport.SupportVisitChanged', { status: 'REQUESTED' })).toEqual([]);
    expect(rulesFor(DEFAULT_RULES, 'techsupport.SupportVisitChanged', { status: 'SCHEDULED' }).map((r) => r.id)).toEqual(['visit-scheduled']);
  });
});

describe('templates (pure)', () => {
  test('render fills data and facts, escapes HTML, adds the link', () => {
    const t = DEFAULT_TEMPLATES.find((x) => x.key === 'claim-escalated')!;
    const out = render(t, {
      data: { claimId: 'c-1', invoiceId: 'i-1', billingAccountId: 'a-1', escalations: 2 },
      customerName: 'Hotel <Sol>',
      executiveName: 'Ana',
      link: 'https://app/billing-claims/c-1',
    });
    expect(out.subject).toBe('Reclamo de facturación escalado: Hotel <Sol>');
    expect(out.text).toContain('escalamiento n.º 2');
    expect(out.text).toContain('Ver en Vínculo: https://app/billing-claims/c-1');
    expect(out.html).toContain('Hotel &lt;Sol&gt;');
    expect(out.html).toContain('href="https://app/billing-claims/c-1"');
  });

  test('a missing value shows as a dash, arrays are listed', () => {
    expect(render({ key: 'k', subject: '{{data.x}}', text: '{{data.areas}}' }, { data: { areas: ['SOC', 'NOC'] } })).toMatchObject({
      subject: '—',
      text: 'SOC, NOC\n',
    });
  });
});

describe('SLA and delivery (pure)', () => {
  const due = new Date('2026-12-10T12:00:00Z');
  test('on time, at risk within the window, breached past due; one alert id per order and due time', () => {
    expect(slaState(due, new Date('2026-12-10T07:00:00Z'))).toBe('ON_TIME');
    expect(slaState(due, new Date('2026-12-10T09:00:00Z'))).toBe('AT_RISK');
    expect(slaState(due, new Date('2026-12-10T12:00:01Z'))).toBe('BREACHED');
    expect(slaAlertsDue({ workOrderId: 'w', dueAt: due, open: true }, new Date('2026-12-11T00:00:00Z'))).toEqual([
      { kind: 'BREACHED', id: 'sla:wo:w:2026-12-10T12:00:00.000Z:BREACHED' },
    ]);
    expect(slaAlertsDue({ workOrderId: 'w', dueAt: due, open: false }, new Date('2026-12-11T00:00:00Z'))).toEqual([]);
  });

  test('retries back off and cap; an unreachable relay is never final; 5xx ends as FAILED after the allowed attempts', () => {
    expect([1, 2, 3, 20].map((a) => nextAttemptDelay(a))).toEqual([5_000, 10_000, 20_000, 30 * 60_000]);
    const now = new Date('2026-12-01T00:00:00Z');
    expect(afterFailure(50, undefined, now).status).toBe('PENDING');
    expect(afterFailure(1, 550, now).status).toBe('PENDING');
    expect(afterFailure(5, 550, now)).toEqual({ status: 'FAILED', nextAttemptAt: null });
    expect(afterFailure(5, 451, now).status).toBe('PENDING');
  });
});

function effectiveRulesAddresses() {
  // The defaults: CLAIMS_UNIT → role CLAIMS_UNIT, DIVISION_HEAD → COMMERCIAL_DIRECTOR, …
  return [
    { name: 'CLAIMS_UNIT', role: 'CLAIMS_UNIT' },
    { name: 'DIVISION_HEAD', role: 'COMMERCIAL_DIRECTOR' },
  ];
}

describe('deadlines (pure)', () => {
  test('a promise alerts on its promised day and after, once per promise and date; a settled one never', () => {
    const p = { kind: 'PROMISE' as const, key: 'p1', dueDay: '2026-12-10', open: true };
    expect(deadlineAlertsDue(p, '2026-12-09')).toEqual([]);
    expect(deadlineAlertsDue(p, '2026-12-10')).toEqual([{ type: 'sla.PaymentPromiseDue', id: 'sla:promise:p1:2026-12-10' }]);
    expect(deadlineAlertsDue(p, '2026-12-12')).toEqual([{ type: 'sla.PaymentPromiseDue', id: 'sla:promise:p1:2026-12-10' }]);
    expect(deadlineAlertsDue({ ...p, open: false }, '2026-12-12')).toEqual([]);
  });
  test('a proposal alerts two days before its committed delivery date', () => {
    const o = { kind: 'PROPOSAL' as const, key: 'o1', dueDay: '2026-12-10', open: true };
    expect(deadlineAlertsDue(o, '2026-12-07')).toEqual([]);
    expect(deadlineAlertsDue(o, '2026-12-08')).toEqual([{ type: 'sla.ProposalDeliveryNear', id: 'sla:proposal:o1:2026-12-10' }]);
  });
});

describe('scheduled reports (pure)', () => {
  test('the weekly report is due from Monday 08:00 local for that week, not before', () => {
    expect(weeklyReportDue(PROPOSALS_WEEKLY, '2026-12-07', 7)).toBeNull(); // Monday 07:00
    expect(weeklyReportDue(PROPOSALS_WEEKLY, '2026-12-07', 8)).toBe('2026-12-07');
    expect(weeklyReportDue(PROPOSALS_WEEKLY, '2026-12-13', 23)).toBe('2026-12-07'); // Sunday: same week
    expect(weeklyReportDue(PROPOSALS_WEEKLY, '2026-12-06', 12)).toBe('2026-11-30');
  });
  test('CSV quotes commas, quotes and newlines and starts with a BOM', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x, y', 'say "hi"'],
          [null, 3],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n,3\r\n');
  });
});
