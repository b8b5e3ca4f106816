import { domainErrorOf } from '@vinculo/common/testing';
import { applyStanding, decideClear, decideMark, impedimentCheck, sameEligibility, type AccountStanding } from '../src/domain/eligibility';

const t = (iso: string) => new Date(iso);
const risk = decideMark(
  [],
  { kind: 'RISK_REGISTRY', reason: 'Listed in the central de riesgos', detail: 'Entry 123' },
  'imp_1',
  'clerk',
  t('2025-01-02T10:00:00Z'),
);
const overdue: AccountStanding = { billingAccountId: 'ba_1', standing: 'OVERDUE', overdueAmount: 15050, currency: 'BOB', since: t('2025-01-01T00:00:00Z') };
const upToDate: AccountStanding = { ...overdue, standing: 'UP_TO_DATE', overdueAmount: 0, since: t('2025-02-01T00:00:00Z') };

describe('R-DIG-1 impediment check: registry + collections standing', () => {
  test('R-DIG-1 nothing on record → eligible, no reasons', () => {
    expect(impedimentCheck([], [])).toEqual({ eligible: true, reasons: [] });
  });
  test('R-DIG-1 an active impediment or an OVERDUE account makes the customer not eligible, reasons oldest first', () => {
    expect(impedimentCheck([risk], [overdue])).toEqual({
      eligible: false,
      reasons: [
        { kind: 'OVERDUE_DEBT', detail: 'billing account ba_1 overdue: 150.50 BOB', since: overdue.since },
        { kind: 'RISK_REGISTRY', detail: 'Entry 123', since: risk.markedAt },
      ],
    });
  });
  test('R-DIG-1 the reason names the account by its number (BA-…), the id only for standings reported before numbers were carried', () => {
    const [reason] = impedimentCheck([], [{ ...overdue, accountNumber: 'BA-AVS8YKZ2' }]).reasons;
    expect(reason!.detail).toBe('billing account BA-AVS8YKZ2 overdue: 150.50 BOB');
  });
  test('R-DIG-1 cleared impediments and UP_TO_DATE accounts do not count', () => {
    const cleared = decideClear([risk], 'imp_1', 'Removed from the registry', 'lead', t('2025-01-03T00:00:00Z'));
    expect(impedimentCheck(cleared, [upToDate])).toEqual({ eligible: true, reasons: [] });
  });
  test('sameEligibility compares result and reasons (EligibilityChanged only on a change)', () => {
    expect(sameEligibility(impedimentCheck([risk], []), impedimentCheck([risk], []))).toBe(true);
    expect(sameEligibility(impedimentCheck([risk], []), impedimentCheck([risk], [overdue]))).toBe(false);
  });
});

describe('R-CUS-EL1 impediments registry', () => {
  test('R-CUS-EL1 one active impediment per kind; another kind is fine', () => {
    const again = domainErrorOf(() => decideMark([risk], { kind: 'RISK_REGISTRY', reason: 'Again' }, 'imp_2', 'clerk', new Date()));
    expect(again).toMatchObject({ kind: 'already_exists', details: { rule: 'R-CUS-EL1' } });
    expect(decideMark([risk], { kind: 'EQUIPMENT_PENDING_RETURN', reason: 'Router not returned' }, 'imp_2', 'clerk', new Date()).kind).toBe(
      'EQUIPMENT_PENDING_RETURN',
    );
  });
  test('R-CUS-EL1 clearing keeps the entry with who, when and why; clearing twice → CONFLICT; unknown → NOT_FOUND', () => {
    const at = t('2025-01-05T00:00:00Z');
    const [cleared] = decideClear([risk], 'imp_1', 'Debt settled', 'lead', at);
    expect(cleared).toMatchObject({ id: 'imp_1', clearedBy: 'lead', clearedAt: at, clearReason: 'Debt settled', reason: 'Listed in the central de riesgos' });
    expect(domainErrorOf(() => decideClear([cleared!], 'imp_1', 'Again', 'lead', at)).kind).toBe('already_exists');
    expect(domainErrorOf(() => decideClear([risk], 'imp_x', 'Nope', 'lead', at)).kind).toBe('not_found');
  });
  test('a reason is required (3..500)', () => {
    expect(domainErrorOf(() => decideMark([], { kind: 'OTHER', reason: ' x ' }, 'i', 'u', new Date())).kind).toBe('invalid_input');
    expect(domainErrorOf(() => decideClear([risk], 'imp_1', '', 'u', new Date())).kind).toBe('invalid_input');
  });
});

describe('collections standing read model', () => {
  test('a newer report replaces the account; a redelivered or older one changes nothing', () => {
    const once = applyStanding([], overdue)!;
    expect(once).toEqual([overdue]);
    expect(applyStanding(once, { ...overdue })).toBeNull();
    const later = applyStanding(once, upToDate)!;
    expect(later).toEqual([upToDate]);
    expect(applyStanding(later, overdue)).toBeNull();
  });
  test('the same standing with a grown debt is a change', () => {
    expect(applyStanding([overdue], { ...overdue, overdueAmount: 20000 })).toEqual([{ ...overdue, overdueAmount: 20000 }]);
  });
  test('accounts are independent', () => {
    const other = { ...overdue, billingAccountId: 'ba_2' };
    expect(applyStanding([overdue], other)).toEqual([overdue, other]);
  });
});
