import { DomainError } from '@vinculo/common';
import { domainErrorOf } from '@vinculo/common/testing';
import { draftProject, execute, checkLeadApproval, checkFeasibilityVerified, type SaleProjectCommand, type SaleProjectState } from '../src/domain/sale-project';
import { priceLine, definePlan, definePromotion, totalsOf } from '../src/domain/catalog';
import type { FeasibilityRecord } from '../src/domain/feasibility';

const at = new Date('2026-03-10T15:00:00Z');
const meta = { by: 'exec-1', at, today: '2026-03-10' };
const plan = definePlan({
  code: 'fib-100',
  name: 'Fibra 100',
  family: 'INTERNET',
  technology: 'FIBER',
  speedMbps: 100,
  monthlyFeeMinor: 25000,
  installationCostMinor: 10000,
});
const promo = definePromotion({
  code: 'PROMO-MAR',
  name: 'Marzo',
  planCodes: ['FIB-100'],
  monthlyDiscountPercent: 10,
  installationDiscountPercent: 100,
  validFrom: '2026-03-01',
  validTo: '2026-03-31',
});
const feasible: FeasibilityRecord = { feasible: true, reason: null, detail: null, technology: 'FIBER', nodeId: 'node-1', checkedBy: 'clerk-1', checkedAt: at };
const infeasible: FeasibilityRecord = {
  feasible: false,
  reason: 'NO_COVERAGE',
  detail: 'no network node covers this location',
  technology: 'FIBER',
  nodeId: null,
  checkedBy: 'clerk-1',
  checkedAt: at,
};

const draft = (kind: 'NEW_CAPTURE' | 'PORTFOLIO' = 'NEW_CAPTURE') =>
  draftProject(
    {
      kind,
      needs: 'Internet for 3 offices',
      items: [{ planCode: 'FIB-100', promotionCode: 'PROMO-MAR' }],
      installationAddress: 'Av. Ballivián 123',
      location: { latitude: -17.39, longitude: -66.15 },
    },
    meta,
  );

const run = (s: SaleProjectState, ...cmds: SaleProjectCommand[]) => cmds.reduce((st, c) => execute(st, c, meta).state, s);
const offer = (): SaleProjectCommand => ({ kind: 'makeOffer', lines: [priceLine(plan, promo, '2026-03-10')], validUntil: '2026-03-31', channel: 'EMAIL' });

describe('sale project state machine (§1 A1–A8, B)', () => {
  it('R-SAL-1 refuses feasibility, visit or offer on a new capture the lead has not approved', () => {
    const s = draft();
    expect(domainErrorOf(() => execute(s, { kind: 'recordFeasibility', result: feasible }, meta)).details.rule).toBe('R-SAL-1');
    expect(domainErrorOf(() => execute(s, offer(), meta)).details.rule).toBe('R-SAL-1');
    expect(() => checkLeadApproval({ kind: 'NEW_CAPTURE', approval: { by: 'lead', at, note: null } })).not.toThrow();
    expect(() => checkLeadApproval({ kind: 'PORTFOLIO', approval: null })).not.toThrow();
  });

  it('R-SAL-2 refuses the visit or the offer before a favourable feasibility check', () => {
    const approved = run(draft(), { kind: 'approve' });
    expect(domainErrorOf(() => execute(approved, offer(), meta)).details.rule).toBe('R-SAL-2');
    expect(domainErrorOf(() => execute(approved, { kind: 'linkVisit', visitId: 'v1' }, meta)).details.rule).toBe('R-SAL-2');
    const notFeasible = run(approved, { kind: 'recordFeasibility', result: infeasible });
    expect(notFeasible.status).toBe('NOT_FEASIBLE');
    const err = domainErrorOf(() => execute(notFeasible, offer(), meta));
    expect(err.details.rule).toBe('R-SAL-2');
    expect(err.message).toContain('NO_COVERAGE');
    expect(() => checkFeasibilityVerified({ feasibility: feasible })).not.toThrow();
  });

  it('new capture happy path: DRAFT → APPROVED → FEASIBLE → VISIT_SCHEDULED → OFFERED → ACCEPTED → ORDER_ENTERED, each step in history', () => {
    const s = run(
      draft(),
      { kind: 'approve', note: 'Vo.Bo.' },
      { kind: 'recordFeasibility', result: feasible },
      { kind: 'linkVisit', visitId: 'visit-1' },
      offer(),
      { kind: 'accept', backingDocuments: ['signed offer'] },
      { kind: 'orderEntered', orderId: 'so-1', month: '2026-03' },
    );
    expect(s.status).toBe('ORDER_ENTERED');
    expect(s.history.map((h) => h.to)).toEqual(['DRAFT', 'APPROVED', 'FEASIBLE', 'VISIT_SCHEDULED', 'OFFERED', 'ACCEPTED', 'ORDER_ENTERED']);
    expect(s.offers[0]!.totals).toEqual({ monthlyTotalMinor: 22500, installationTotalMinor: 0 });
  });

  it('portfolio sale needs no approval (approving one is a CONFLICT) and goes from feasibility to the offer', () => {
    const s = draft('PORTFOLIO');
    expect(domainErrorOf(() => execute(s, { kind: 'approve' }, meta)).kind).toBe('illegal_transition');
    expect(run(s, { kind: 'recordFeasibility', result: feasible }, offer()).status).toBe('OFFERED');
  });

  it('declined → LOST with the reason; a LOST project refuses further acts naming its status', () => {
    const lost = run(draft('PORTFOLIO'), { kind: 'recordFeasibility', result: feasible }, offer(), { kind: 'decline', reason: 'Price too high' });
    expect(lost.status).toBe('LOST');
    expect(lost.decision).toMatchObject({ outcome: 'DECLINED', reason: 'Price too high' });
    const err = domainErrorOf(() => execute(lost, { kind: 'accept', backingDocuments: [] }, meta));
    expect(err.kind).toBe('illegal_transition');
    expect(err.message).toContain('LOST');
  });

  it('an expired offer cannot be accepted; revising starts approval and feasibility over', () => {
    const offered = run(draft('PORTFOLIO'), { kind: 'recordFeasibility', result: feasible }, offer());
    expect(domainErrorOf(() => execute(offered, { kind: 'accept', backingDocuments: [] }, { ...meta, today: '2026-04-01' })).kind).toBe('illegal_transition');
    const approvedFeasible = run(draft(), { kind: 'approve' }, { kind: 'recordFeasibility', result: feasible });
    const revised = run(approvedFeasible, {
      kind: 'revise',
      items: [{ planCode: 'FIB-100', promotionCode: null }],
      needs: 'More speed',
      installationAddress: 'Av. América 55',
      location: { latitude: 1, longitude: 1 },
    });
    expect(revised).toMatchObject({ status: 'DRAFT', approval: null, feasibility: null });
  });

  it('bad input is refused before any change', () => {
    expect(
      domainErrorOf(() =>
        draftProject({ kind: 'NEW_CAPTURE', needs: 'x', items: [], installationAddress: 'Av. 1', location: { latitude: 0, longitude: 0 } }, meta),
      ),
    ).toBeInstanceOf(DomainError);
    const feas = run(draft('PORTFOLIO'), { kind: 'recordFeasibility', result: feasible });
    expect(domainErrorOf(() => execute(feas, { ...offer(), validUntil: '2026-03-01' } as SaleProjectCommand, meta)).kind).toBe('invalid_input');
  });
});

describe('catalog pricing', () => {
  it('promotions discount to the cent (half up) and apply only to their plans inside their window', () => {
    const odd = definePlan({
      code: 'ADSL-5',
      name: 'ADSL 5',
      family: 'INTERNET',
      technology: 'COPPER',
      speedMbps: 5,
      monthlyFeeMinor: 9999,
      installationCostMinor: 5005,
    });
    const p = definePromotion({
      code: 'P15',
      name: 'Promo 15',
      planCodes: ['ADSL-5'],
      monthlyDiscountPercent: 15,
      installationDiscountPercent: 50,
      validFrom: '2026-03-01',
      validTo: '2026-03-31',
    });
    const line = priceLine(odd, p, '2026-03-31');
    expect([line.monthlyFeeMinor, line.installationCostMinor]).toEqual([8499, 2502]);
    expect(totalsOf([line, line])).toEqual({ monthlyTotalMinor: 16998, installationTotalMinor: 5004 });
    expect(domainErrorOf(() => priceLine(odd, p, '2026-04-01')).details.field).toBe('promotionCode');
    expect(domainErrorOf(() => priceLine(plan, p, '2026-03-10')).details.field).toBe('promotionCode');
  });
  it('a free-form family (waste collection) is a valid plan without technology', () => {
    expect(
      definePlan({ code: 'RES-GG', name: 'Recolección gran generador', family: 'waste_collection', monthlyFeeMinor: 150000, installationCostMinor: 0 }),
    ).toMatchObject({ family: 'WASTE_COLLECTION', technology: null });
  });
});
