import { domainErrorOf } from '@vinculo/common/testing';
import type { CoverageNode } from '@vinculo/common';
import { assessFeasibility } from '@vinculo/common';
import {
  assertAccountUpToDate,
  assertSuspensionLength,
  assertSuspensionQuota,
  decideReconnection,
  suspensionsAfterReconnection,
  decideSuspension,
  reconnectionRestoration,
  suspensionExpired,
} from '../src/domain/suspension';
import { assertRelocationFeasible, relocationPlan, validateRelocation } from '../src/domain/relocation';
import { procedureFee, DEFAULT_PROCEDURE_FEES_MINOR } from '../src/domain/fees';
import { priceCallDetail } from '../src/domain/call-detail';
import {
  assertPenaltyAccepted,
  assertRetentionTried,
  earlyTerminationPenalty,
  finalBilling,
  monthsOfPermanenceLeft,
  settleEquipment,
  validateEquipment,
  annotateEquipment,
  chooseEquipmentSettlement,
  equipmentCharges,
} from '../src/domain/withdrawal';
import { PRODUCT_FAMILIES, type ProductFamily } from '../src/domain/installed-product';
import { decidePlanChange, decideSupplementaryService, SUPPLEMENTARY_SERVICES, type CatalogPlan } from '../src/domain/product-changes';

const ruleOf = (fn: () => unknown) => {
  const err = domainErrorOf(fn);
  expect(err.kind).toBe('rule_violated');
  return err.details.rule;
};

describe('§3 D suspension and reconnection', () => {
  const upToDate = { overdueAccounts: [] };
  const ctx = { today: '2026-03-01', standing: upToDate, perYear: 1, maxMonths: 4 };
  const active = { status: 'ACTIVE' as const, suspensions: [] };

  it("R-PS-D1 refuses a suspension while any of the customer's billing accounts is overdue", () => {
    expect(ruleOf(() => assertAccountUpToDate({ overdueAccounts: ['bac_1'] }))).toBe('R-PS-D1');
    expect(ruleOf(() => assertAccountUpToDate({ overdueAccounts: ['bac_1', 'bac_2'] }))).toBe('R-PS-D1');
    expect(() => assertAccountUpToDate(upToDate)).not.toThrow();
    expect(ruleOf(() => decideSuspension(active, { startDate: '2026-03-02', endDate: '2026-04-01' }, { ...ctx, standing: { overdueAccounts: ['x'] } }))).toBe(
      'R-PS-D1',
    );
  });

  it('R-PS-D1 an unknown standing (post-sale has not heard of the customer yet) is not "up to date": refused, the data is still arriving', () => {
    const unknown = domainErrorOf(() => assertAccountUpToDate(null));
    expect(unknown).toMatchObject({ kind: 'rule_violated', details: { rule: 'R-PS-D1', reason: 'STILL_ARRIVING' } });
    expect(unknown.message).toMatch(/still arriving/);
    // The same refusal through the whole decision, however valid the rest of the request is.
    const decided = domainErrorOf(() => decideSuspension(active, { startDate: '2026-03-02', endDate: '2026-04-01' }, { ...ctx, standing: null }));
    expect(decided.details).toEqual({ rule: 'R-PS-D1', reason: 'STILL_ARRIVING' });
    // A known debt is told as debt, not as data still arriving.
    expect(domainErrorOf(() => assertAccountUpToDate({ overdueAccounts: ['bac_1'] })).details.reason).toBeUndefined();
  });

  it('R-PS-D2 refuses a second suspension of one product in a calendar year (tenant policy)', () => {
    expect(ruleOf(() => assertSuspensionQuota(['2026-01-10'], '2026-11-01', 1))).toBe('R-PS-D2');
    expect(() => assertSuspensionQuota(['2025-12-20'], '2026-01-05', 1)).not.toThrow();
    expect(() => assertSuspensionQuota(['2026-01-10'], '2026-11-01', 2)).not.toThrow();
    expect(
      ruleOf(() =>
        decideSuspension(
          { status: 'ACTIVE', suspensions: [{ startDate: '2026-01-05', endDate: '2026-01-20' }] },
          { startDate: '2026-03-02', endDate: '2026-04-01' },
          ctx,
        ),
      ),
    ).toBe('R-PS-D2');
  });

  it('R-PS-D3 allows at most the policy months (4 by default) from the start date', () => {
    expect(() => assertSuspensionLength('2026-01-01', '2026-04-30', 4)).not.toThrow();
    expect(ruleOf(() => assertSuspensionLength('2026-01-01', '2026-05-01', 4))).toBe('R-PS-D3');
    expect(ruleOf(() => assertSuspensionLength('2026-03-02', '2026-08-01', 4))).toBe('R-PS-D3');
    expect(() => assertSuspensionLength('2026-03-02', '2026-08-01', 5)).not.toThrow();
    expect(domainErrorOf(() => assertSuspensionLength('2026-03-02', '2026-03-01', 4)).kind).toBe('invalid_input');
  });

  it('refuses a suspension of a WITHDRAWN product (wrong state: FAILED_PRECONDITION) or over one already entered (CONFLICT) and a start in the past (BAD_USER_INPUT)', () => {
    expect(
      domainErrorOf(() => decideSuspension({ status: 'WITHDRAWN', suspensions: [] }, { startDate: '2026-03-02', endDate: '2026-04-01' }, ctx)),
    ).toMatchObject({ kind: 'illegal_transition', details: { currentStatus: 'WITHDRAWN', allowedFrom: ['ACTIVE', 'SUSPENDED'] } });
    const twice = { ...ctx, perYear: 2 };
    expect(
      domainErrorOf(() =>
        decideSuspension(
          { status: 'SUSPENDED', suspensions: [{ startDate: '2026-03-01', endDate: '2026-03-10' }] },
          { startDate: '2026-03-05', endDate: '2026-04-01' },
          twice,
        ),
      ).kind,
    ).toBe('already_exists');
    // Suspended today, a later period is judged on its own dates (R-PS-D2 when the year's quota is used).
    expect(
      decideSuspension(
        { status: 'SUSPENDED', suspensions: [{ startDate: '2026-03-01', endDate: '2026-03-10' }] },
        { startDate: '2026-03-11', endDate: '2026-04-01' },
        twice,
      ),
    ).toEqual({ startDate: '2026-03-11', endDate: '2026-04-01' });
    expect(
      ruleOf(() =>
        decideSuspension(
          { status: 'SUSPENDED', suspensions: [{ startDate: '2026-03-01', endDate: '2026-03-10' }] },
          { startDate: '2026-03-02', endDate: '2026-03-05' },
          ctx,
        ),
      ),
    ).toBe('R-PS-D2');
    expect(domainErrorOf(() => decideSuspension(active, { startDate: '2026-02-28', endDate: '2026-04-01' }, ctx)).kind).toBe('invalid_input');
  });

  it.each([
    ['INTERNET', 'COPPER', 'AUTOMATIC'],
    ['FIXED_LINE', 'COPPER', 'AUTOMATIC'],
    ['HSPA', 'HSPA', 'AUTOMATIC'],
    ['PAY_TV', 'COPPER', 'TECHNICIAN_WITHIN_24H'],
    ['PAY_TV', 'COAX', 'TECHNICIAN_WITHIN_24H'],
    ['DUO', 'COPPER', 'TECHNICIAN_WITHIN_24H'],
    ['PAY_TV', 'FIBER', 'AUTOMATIC'],
    ['MULTI', 'FIBER', 'AUTOMATIC'],
  ])('R-PS-D4 reconnection of %s on %s is %s', (family, technology, restoration) => {
    const r = reconnectionRestoration(family as ProductFamily, technology);
    expect(r.restoration).toBe(restoration);
    expect(r.withinHours).toBe(restoration === 'AUTOMATIC' ? 0 : 24);
  });

  it('reconnects a product suspended or with a suspension ahead, from today or a later date up to its end; a suspension is over the day after its end', () => {
    const s = { requestId: 'psr-1', startDate: '2026-03-01', endDate: '2026-03-31' };
    const suspended = { status: 'SUSPENDED' as const, suspensions: [s] };
    expect(decideReconnection(suspended, null, '2026-03-10')).toEqual({ date: '2026-03-10', suspension: s });
    expect(decideReconnection(suspended, '2026-03-12', '2026-03-10').date).toBe('2026-03-12');
    expect(domainErrorOf(() => decideReconnection(suspended, '2026-04-02', '2026-03-10')).kind).toBe('invalid_input');
    expect(domainErrorOf(() => decideReconnection({ status: 'ACTIVE', suspensions: [] }, null, '2026-03-10'))).toMatchObject({
      kind: 'illegal_transition',
      details: { currentStatus: 'ACTIVE', allowedFrom: ['SUSPENDED'] },
    });
    expect(domainErrorOf(() => decideReconnection({ status: 'ACTIVE', suspensions: [{ ...s, endDate: '2026-03-05' }] }, null, '2026-03-10')).kind).toBe(
      'illegal_transition',
    );
    // The suspension ends the day before service returns; reconnected before it starts, it is cancelled.
    expect(suspensionsAfterReconnection([s], s, '2026-03-12')).toEqual([{ ...s, endDate: '2026-03-11' }]);
    expect(suspensionsAfterReconnection([s], s, '2026-02-20')).toEqual([{ ...s, endDate: '2026-02-28' }]);
    expect(suspensionsAfterReconnection([s], s, '2026-03-01')).toEqual([{ ...s, endDate: '2026-02-28' }]);
    expect(suspensionExpired('2026-03-10', '2026-03-10')).toBe(false);
    expect(suspensionExpired('2026-03-10', '2026-03-11')).toBe(true);
  });
});

describe('§3 C relocation', () => {
  const node: CoverageNode = {
    nodeId: 'n1',
    code: 'NAP-1',
    technology: 'COPPER',
    location: { latitude: -17.39, longitude: -66.16 },
    coverageRadiusM: 500,
    portsTotal: 8,
    portsUsed: 2,
    maxSpeedMbps: 100,
    active: true,
  };
  const current = { technology: 'COPPER', installationAddress: 'Calle Vieja 1, Cochabamba' };

  it('R-PS-C1 requires feasibility at the new address (read from the coverage read model)', () => {
    const far = assessFeasibility([node], { location: { latitude: -17.5, longitude: -66.3 }, technology: 'COPPER' });
    expect(ruleOf(() => assertRelocationFeasible(far))).toBe('R-PS-C1');
    const full = assessFeasibility([{ ...node, portsUsed: 8 }], { location: node.location, technology: 'COPPER' });
    expect(ruleOf(() => assertRelocationFeasible(full))).toBe('R-PS-C1');
    expect(assertRelocationFeasible(assessFeasibility([node], { location: node.location, technology: 'COPPER' }))).toEqual({ nodeId: 'n1' });
  });

  it('R-PS-C2 a technology change replaces the product; without one the relocation itself is entered', () => {
    const same = validateRelocation({ toAddress: 'Av. Nueva 2', latitude: -17.39, longitude: -66.16 }, current);
    expect(same.technologyChange).toBe(false);
    expect(relocationPlan(same)).toBe('RELOCATE');
    const fiber = validateRelocation({ toAddress: 'Av. Nueva 2', latitude: -17.39, longitude: -66.16, technology: 'FIBER' }, current);
    expect(fiber.technologyChange).toBe(true);
    expect(relocationPlan(fiber)).toBe('REPLACE_PRODUCT');
  });

  it('R-PS-C3 the relocation fee is charged: the tenant setting, else the documented default', () => {
    expect(procedureFee('RELOCATION', null)).toBe(DEFAULT_PROCEDURE_FEES_MINOR.RELOCATION);
    expect(DEFAULT_PROCEDURE_FEES_MINOR.RELOCATION).toBeGreaterThan(0);
    expect(procedureFee('RELOCATION', { RELOCATION: 7550 })).toBe(7550);
    expect(procedureFee('PLAN_CHANGE', { RELOCATION: 7550 })).toBe(0);
  });

  it('rejects a relocation to the same address or out-of-range coordinates', () => {
    expect(domainErrorOf(() => validateRelocation({ toAddress: current.installationAddress, latitude: 0, longitude: 0 }, current)).details.field).toBe(
      'toAddress',
    );
    expect(domainErrorOf(() => validateRelocation({ toAddress: 'Av. Nueva 2', latitude: 91, longitude: 0 }, current)).details.field).toBe('latitude');
  });
});

describe('§3 G outgoing-call detail', () => {
  it('R-PS-G1 own detail: current month free, each previous month at the tenant fee; partner detail free', () => {
    expect(priceCallDetail(['2026-03'], 'OWN', '2026-03', 1200)).toEqual({ months: ['2026-03'], chargeableMonths: [], amountMinor: 0 });
    expect(priceCallDetail(['2026-03', '2026-01', '2026-02'], 'OWN', '2026-03', 1200)).toEqual({
      months: ['2026-01', '2026-02', '2026-03'],
      chargeableMonths: ['2026-01', '2026-02'],
      amountMinor: 2400,
    });
    expect(priceCallDetail(['2026-01', '2026-02'], 'PARTNER', '2026-03', 1200).amountMinor).toBe(0);
    expect(ruleOf(() => priceCallDetail(['2026-04'], 'OWN', '2026-03', 1200))).toBe('R-PS-G1');
    expect(domainErrorOf(() => priceCallDetail(['2026-01', '2026-01'], 'OWN', '2026-03', 1200)).kind).toBe('invalid_input');
    expect(domainErrorOf(() => priceCallDetail(['2026-13'], 'OWN', '2026-03', 1200)).kind).toBe('invalid_input');
  });
});

describe('§3 H withdrawal', () => {
  it('R-PS-H1 retention is offered first; accepted means there is no withdrawal to enter', () => {
    expect(ruleOf(() => assertRetentionTried(null))).toBe('R-PS-H1');
    expect(ruleOf(() => assertRetentionTried({ offer: '2 months at half price', accepted: true }))).toBe('R-PS-H1');
    expect(() => assertRetentionTried({ offer: '2 months at half price', accepted: false })).not.toThrow();
  });

  it('R-PS-H2 charges the months of permanence still owed, and refuses unless the customer accepts', () => {
    expect(monthsOfPermanenceLeft('2026-06-15', '2026-03-15')).toBe(3);
    expect(monthsOfPermanenceLeft('2026-06-15', '2026-03-10')).toBe(4);
    expect(monthsOfPermanenceLeft('2026-06-15', '2026-06-15')).toBe(0);
    expect(monthsOfPermanenceLeft(null, '2026-06-15')).toBe(0);
    expect(earlyTerminationPenalty('2026-06-15', '2026-03-15', 15000)).toBe(45000);
    expect(earlyTerminationPenalty('2026-01-01', '2026-03-15', 15000)).toBe(0);
    expect(ruleOf(() => assertPenaltyAccepted(45000, null))).toBe('R-PS-H2');
    expect(ruleOf(() => assertPenaltyAccepted(45000, false))).toBe('R-PS-H2');
    expect(() => assertPenaltyAccepted(45000, true)).not.toThrow();
    expect(() => assertPenaltyAccepted(0, null)).not.toThrow();
  });

  // Withdrawn on 16 March 2026 (31 days): days 1..15 are billed. Fee 150.00, MULTI 250.00 with 70.00 basic telephony.
  it.each<[ProductFamily, number, string, number | null, number, number]>([
    ['FIXED_LINE', 8000, 'FULL_MONTH', null, 31, 8000],
    ['HSPA', 9900, 'FULL_MONTH', null, 31, 9900],
    ['INTERNET', 15000, 'PRORATED', null, 15, 7258], // 150 × 15/31 = 72.580… → 72.58
    ['PAY_TV', 12000, 'PRORATED', null, 15, 5806], // 120 × 15/31 = 58.064… → 58.06
    ['DUO', 20000, 'PRORATED', null, 15, 9677], // 200 × 15/31 = 96.774… → 96.77
    ['OTHER', 3100, 'PRORATED', null, 15, 1500],
    ['MULTI', 25000, 'MULTI_BASIC_WHOLE', 7000, 15, 15710], // 180 × 15/31 = 87.096… → 87.10 + 70.00
  ])('R-PS-H3 final billing of %s (fee %i) withdrawn 2026-03-16 is %s to the cent', (family, fee, billing, whole, days, amount) => {
    const f = finalBilling(family, fee, '2026-03-16', 7000);
    expect(f).toEqual({ billing, wholePartMinor: whole, days, daysInMonth: 31, amountMinor: amount });
  });

  it('R-PS-H3 covers every product family, rounds half up once, and bills nothing prorated on the 1st', () => {
    for (const family of PRODUCT_FAMILIES) expect(finalBilling(family, 10000, '2026-02-15', 7000).daysInMonth).toBe(28);
    expect(finalBilling('INTERNET', 1, '2026-02-15', 7000).amountMinor).toBe(1); // 14/28 = 0.5 → 1
    expect(finalBilling('INTERNET', 15000, '2026-03-01', 7000).amountMinor).toBe(0);
    expect(finalBilling('MULTI', 15000, '2026-03-01', 7000).amountMinor).toBe(7000);
    expect(finalBilling('MULTI', 5000, '2026-03-16', 7000).wholePartMinor).toBe(5000);
  });

  it('R-PS-H4 missing or damaged equipment becomes a receivable for its value; unlisted in the checklist = missing', () => {
    const listed = validateEquipment([
      { code: 'modem-1', description: 'ADSL modem', valueMinor: 35000 },
      { code: 'DECO-1', valueMinor: 42000 },
      { code: 'REMOTE', valueMinor: 5000 },
    ]);
    expect(
      settleEquipment(listed, [
        { code: 'MODEM-1', condition: 'OK' },
        { code: 'DECO-1', condition: 'DAMAGED' },
      ]),
    ).toEqual([
      { code: 'MODEM-1', description: 'ADSL modem', condition: 'OK', chargeMinor: 0 },
      { code: 'DECO-1', description: null, condition: 'DAMAGED', chargeMinor: 42000 },
      { code: 'REMOTE', description: null, condition: 'MISSING', chargeMinor: 5000 },
    ]);
    expect(
      domainErrorOf(() =>
        validateEquipment([
          { code: 'A', valueMinor: 1 },
          { code: 'a', valueMinor: 1 },
        ]),
      ).kind,
    ).toBe('invalid_input');
  });

  describe('R-PS-H4 settlement of the equipment receivable (seed 002 step 13)', () => {
    const listed = validateEquipment([
      { code: 'ONT-1', valueMinor: 35000 },
      { code: 'DECO-1', valueMinor: 42050 },
      { code: 'REMOTE', valueMinor: 5000 },
    ]);
    const settled = settleEquipment(listed, [
      { code: 'ONT-1', condition: 'OK' },
      { code: 'DECO-1', condition: 'DAMAGED' },
    ]);

    it('R-PS-H4 the clerk chooses the settlement: nothing chosen = NEXT_INVOICE, entry may change the choice made at reception, anything else is bad input', () => {
      expect(chooseEquipmentSettlement(undefined)).toBe('NEXT_INVOICE');
      expect(chooseEquipmentSettlement(null, null)).toBe('NEXT_INVOICE');
      expect(chooseEquipmentSettlement('RECEIVABLE_INVOICE')).toBe('RECEIVABLE_INVOICE');
      expect(chooseEquipmentSettlement(null, 'RECEIVABLE_INVOICE')).toBe('RECEIVABLE_INVOICE');
      expect(chooseEquipmentSettlement('NEXT_INVOICE', 'RECEIVABLE_INVOICE')).toBe('NEXT_INVOICE');
      expect(domainErrorOf(() => chooseEquipmentSettlement('CASH')).kind).toBe('invalid_input');
    });

    it("R-PS-H4 economic claim (NEXT_INVOICE): one line per missing or damaged item on the month's invoice, carrying the settlement", () => {
      expect(equipmentCharges('psr_1', settled, 'NEXT_INVOICE', 'BOB')).toEqual([
        {
          chargeId: 'psr_1-eq-DECO-1',
          kind: 'RECEIVABLE',
          amountMinor: 42050,
          description: 'Equipment DECO-1 damaged on withdrawal (R-PS-H4)',
          settlement: 'NEXT_INVOICE',
        },
        {
          chargeId: 'psr_1-eq-REMOTE',
          kind: 'RECEIVABLE',
          amountMinor: 5000,
          description: 'Equipment REMOTE missing on withdrawal (R-PS-H4)',
          settlement: 'NEXT_INVOICE',
        },
      ]);
    });

    it('R-PS-H4 receivable invoice (RECEIVABLE_INVOICE): ONE charge for the total to the cent, so one factura CxC is issued; nothing owed → no charge', () => {
      expect(equipmentCharges('psr_1', settled, 'RECEIVABLE_INVOICE', 'BOB')).toEqual([
        {
          chargeId: 'psr_1-eq',
          kind: 'RECEIVABLE',
          amountMinor: 47050,
          description: 'Equipment not returned in good order on withdrawal (R-PS-H4): DECO-1 damaged 420.50, REMOTE missing 50.00',
          settlement: 'RECEIVABLE_INVOICE',
        },
      ]);
      const allBack = settleEquipment(
        listed,
        listed.map((i) => ({ code: i.code, condition: 'OK' as const })),
      );
      expect(equipmentCharges('psr_1', allBack, 'RECEIVABLE_INVOICE', 'BOB')).toEqual([]);
      expect(equipmentCharges('psr_1', allBack, 'NEXT_INVOICE', 'BOB')).toEqual([]);
      const many = settleEquipment(validateEquipment(Array.from({ length: 50 }, (_, i) => ({ code: `ITEM-WITH-A-LONG-CODE-${i}`, valueMinor: 1 }))), []);
      const [one] = equipmentCharges('psr_1', many, 'RECEIVABLE_INVOICE', 'BOB');
      expect(one!.amountMinor).toBe(50);
      expect(one!.description.length).toBe(300);
    });

    it('R-PS-H4 step 12.2 the reason of a missing or damaged item is noted for the warehouse; returned-OK or unknown items and blank notes are bad input', () => {
      const noted = annotateEquipment(settled, [{ code: 'remote', note: '  Lost   by the customer ' }]);
      expect(noted.find((s) => s.code === 'REMOTE')).toMatchObject({ condition: 'MISSING', note: 'Lost by the customer' });
      expect(noted.find((s) => s.code === 'DECO-1')!.note).toBeUndefined();
      expect(annotateEquipment(noted, [{ code: 'REMOTE', note: 'Found broken, thrown away' }]).find((s) => s.code === 'REMOTE')!.note).toBe(
        'Found broken, thrown away',
      );
      for (const bad of [
        [{ code: 'ONT-1', note: 'fine' }],
        [{ code: 'NOPE', note: 'lost' }],
        [{ code: 'REMOTE', note: ' x ' }],
        [],
        [
          { code: 'REMOTE', note: 'lost' },
          { code: 'remote', note: 'lost' },
        ],
      ]) {
        expect(domainErrorOf(() => annotateEquipment(settled, bad)).kind).toBe('invalid_input');
      }
    });
  });
});

describe('§3 A supplementary services and §3 B plan change', () => {
  const line = {
    status: 'ACTIVE' as const,
    supplementaryServices: ['CALLER_ID'],
    planCode: 'FIJA-1',
    monthlyFeeMinor: 8000,
    technology: 'COPPER',
    currency: 'BOB',
  };
  const plan = (code: string, monthlyFeeMinor: number, over: Partial<CatalogPlan> = {}): CatalogPlan => ({
    code,
    family: 'FIXED_LINE',
    technology: 'COPPER',
    speedMbps: null,
    monthlyFeeMinor,
    minimumPermanenceMonths: 0,
    currency: 'BOB',
    active: true,
    ...over,
  });
  it('enables and disables each supplementary service once', () => {
    for (const s of SUPPLEMENTARY_SERVICES.filter((x) => x !== 'CALLER_ID')) expect(decideSupplementaryService(line, s, 'ENABLE')).toContain(s);
    expect(decideSupplementaryService(line, 'CALLER_ID', 'DISABLE')).toEqual([]);
    expect(domainErrorOf(() => decideSupplementaryService(line, 'CALLER_ID', 'ENABLE')).kind).toBe('already_exists');
    expect(domainErrorOf(() => decideSupplementaryService(line, 'PIN', 'DISABLE')).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => decideSupplementaryService(line, 'TELEPORT', 'ENABLE')).kind).toBe('invalid_input');
    expect(domainErrorOf(() => decideSupplementaryService({ ...line, status: 'SUSPENDED' }, 'PIN', 'ENABLE')).kind).toBe('illegal_transition');
  });
  it('002 B a plan change is to a cheaper or dearer plan of the catalog, with the catalog fee, never the same one', () => {
    expect(decidePlanChange(line, { planCode: 'fija-2', plan: plan('FIJA-2', 6000) })).toEqual({
      planCode: 'FIJA-2',
      monthlyFeeMinor: 6000,
      direction: 'CHEAPER',
    });
    expect(decidePlanChange(line, { planCode: 'FIJA-3', plan: plan('FIJA-3', 9000), typedFeeMinor: 9000 }).direction).toBe('DEARER');
    expect(domainErrorOf(() => decidePlanChange(line, { planCode: 'FIJA-1', plan: plan('FIJA-1', 8000) })).kind).toBe('invalid_input');
    // Not in the catalog, withdrawn from it, another technology, another currency, a fee of the clerk's own.
    expect(domainErrorOf(() => decidePlanChange(line, { planCode: 'FIJA-9', plan: null })).kind).toBe('invalid_input');
    expect(domainErrorOf(() => decidePlanChange(line, { planCode: 'FIJA-2', plan: plan('FIJA-2', 6000, { active: false }) })).kind).toBe('invalid_input');
    expect(domainErrorOf(() => decidePlanChange(line, { planCode: 'FIB-2', plan: plan('FIB-2', 6000, { technology: 'FIBER' }) })).kind).toBe('invalid_input');
    expect(domainErrorOf(() => decidePlanChange(line, { planCode: 'FIJA-2', plan: plan('FIJA-2', 6000, { currency: 'COP' }) })).kind).toBe('invalid_input');
    expect(domainErrorOf(() => decidePlanChange(line, { planCode: 'FIJA-2', plan: plan('FIJA-2', 6000), typedFeeMinor: 100 })).kind).toBe('invalid_input');
  });
});
