import { defaultTenantPolicy, defaultTenantSnapshot, DEFAULT_TENANT_SETTINGS } from '@vinculo/common';
import { domainErrorOf } from '@vinculo/common/testing';
import { checkVersion, decideSettingsChange, rescaleMinor, validCountry, validCurrency, validTimeZone } from '../src/domain/tenant';
import { decidePolicyChange } from '../src/domain/tenant-policy';

const policy = defaultTenantPolicy('BOB');
const profile = { name: 'coop', ...DEFAULT_TENANT_SETTINGS };

describe('tenant policy defaults (DOMAIN.md), in one place', () => {
  test('R-PS-D2 1 suspension/year, R-PS-D3 4 months, R-PS-G1 12.00, R-PS-H3 70.00, ETA 2–15, R-COL-I1 7 days, KPI thresholds', () => {
    expect(policy).toEqual({
      suspensionsPerProductPerYear: 1,
      maxSuspensionMonths: 4,
      callDetailFeePerPreviousMonthMinor: 1200,
      multiBasicTelephonyAmountMinor: 7000,
      digitalSaleEtaMinDays: 2,
      digitalSaleEtaMaxDays: 15,
      pqrAnswerDeadlineBusinessDays: 15,
      paymentPromiseFollowUpDays: 7,
      overdueAfterDays: 30,
      workOrderDeadlineDays: 5,
      holidayCalendar: 'COUNTRY',
      additionalHolidays: [],
      kpi: {
        salesGrowthApprovedAtLeast: 10,
        salesGrowthObservedBelow: 5,
        salesGrowthRejectedBelow: 0,
        digitalSalesAcceptedAbove: 95,
        postSaleEfficacyAcceptedAbove: 98,
        postSaleTimelinessAcceptedAbove: 95,
        postSaleTimelinessHours: 24,
        affiliationGoalPercent: 100,
        salesBudgetGoalPercent: 100,
      },
    });
  });
  test('money defaults follow the currency minor units; an unconfigured tenant is version 0', () => {
    expect(defaultTenantPolicy('CLP').callDetailFeePerPreviousMonthMinor).toBe(12);
    expect(defaultTenantSnapshot()).toMatchObject({ tenantVersion: 0, currency: 'BOB', country: null, timeZone: 'America/La_Paz' });
  });
});

describe('updateTenantPolicy (partial, validated ranges)', () => {
  test('only the given numbers change; money is a decimal in the tenant currency', () => {
    const next = decidePolicyChange(
      policy,
      { suspensionsPerProductPerYear: 2, callDetailFeePerPreviousMonth: '15.50', kpi: { digitalSalesAcceptedAbove: 90 } },
      'BOB',
    );
    expect(next).toEqual({
      ...policy,
      suspensionsPerProductPerYear: 2,
      callDetailFeePerPreviousMonthMinor: 1550,
      kpi: { ...policy.kpi, digitalSalesAcceptedAbove: 90 },
    });
    expect(policy.suspensionsPerProductPerYear).toBe(1);
  });
  test('the holiday calendar is a choice; the own holidays are real dates, kept sorted and unique', () => {
    const next = decidePolicyChange(policy, { holidayCalendar: 'CO', additionalHolidays: ['2026-12-31', '2026-12-24', '2026-12-31'] }, 'BOB');
    expect([next.holidayCalendar, next.additionalHolidays]).toEqual(['CO', ['2026-12-24', '2026-12-31']]);
    expect(domainErrorOf(() => decidePolicyChange(next, { holidayCalendar: 'CO' }, 'BOB')).details.field).toBe('input');
  });
  test.each([
    [{ maxSuspensionMonths: 0 }, 'maxSuspensionMonths'],
    [{ suspensionsPerProductPerYear: 1.5 }, 'suspensionsPerProductPerYear'],
    [{ overdueAfterDays: 400 }, 'overdueAfterDays'],
    [{ callDetailFeePerPreviousMonth: '-1' }, 'callDetailFeePerPreviousMonth'],
    [{ multiBasicTelephonyAmount: '70.001' }, 'multiBasicTelephonyAmount'],
    [{ digitalSaleEtaMinDays: 20 }, 'digitalSaleEtaMinDays'],
    [{ kpi: { postSaleEfficacyAcceptedAbove: 101 } }, 'kpi.postSaleEfficacyAcceptedAbove'],
    [{ kpi: { salesGrowthObservedBelow: 12 } }, 'kpi'],
    [{}, 'input'],
    [{ pqrAnswerDeadlineBusinessDays: 15 }, 'input'],
    [{ holidayCalendar: 'PE' }, 'holidayCalendar'],
    [{ additionalHolidays: ['2026-02-30'] }, 'additionalHolidays'],
    [
      {
        additionalHolidays: Array.from({ length: 101 }, (_, i) =>
          `2026-01-01`.replace('01-01', `${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`),
        ),
      },
      'additionalHolidays',
    ],
  ])('%j → BAD_USER_INPUT on %s', (patch, field) => {
    const err = domainErrorOf(() => decidePolicyChange(policy, patch, 'BOB'));
    expect([err.kind, err.details.field]).toEqual(['invalid_input', field]);
  });
});

describe('configureTenant', () => {
  test('currency, country and time zone validated and canonical; amounts keep their decimal value', () => {
    const { profile: next, policy: p } = decideSettingsChange(profile, policy, {
      name: 'Aseo Urbano',
      currency: 'cop',
      country: 'co',
      timeZone: 'America/Bogota',
    });
    expect(next).toEqual({ name: 'Aseo Urbano', currency: 'COP', country: 'CO', timeZone: 'America/Bogota' });
    // 12.00 BOB → 12.00 COP: ISO 4217 gives both two minor digits, so 1200 stays 1200 (not 12, as Intl's COP 0 made it).
    expect(p.callDetailFeePerPreviousMonthMinor).toBe(1200);
    expect(p.multiBasicTelephonyAmountMinor).toBe(7000);
    expect(rescaleMinor(1250, 'BOB', 'USD')).toBe(1250);
    expect(rescaleMinor(1250, 'BOB', 'MXN')).toBe(1250);
    expect(rescaleMinor(1250, 'BOB', 'KWD')).toBe(12500);
    expect(rescaleMinor(1250, 'BOB', 'CLP')).toBe(13);
    expect(rescaleMinor(12, 'CLP', 'BOB')).toBe(1200);
  });
  test.each([
    [() => validCurrency('XYZ1'), 'currency'],
    [() => validCurrency('ABC'), 'currency'],
    [() => validCountry('QQ'), 'country'],
    [() => validCountry('BOL'), 'country'],
    [() => validTimeZone('America/Atlantis'), 'timeZone'],
    [() => decideSettingsChange(profile, policy, { currency: 'BOB' }), 'input'],
  ])('refused: %#', (fn, field) => {
    expect(domainErrorOf(fn).details.field).toBe(field);
  });
  test('optimistic version: a stale expectedVersion is a CONFLICT (stale_version)', () => {
    expect(() => checkVersion(3, 3)).not.toThrow();
    expect(domainErrorOf(() => checkVersion(3, 2)).kind).toBe('stale_version');
    expect(domainErrorOf(() => checkVersion(0, -1)).kind).toBe('invalid_input');
  });
});
