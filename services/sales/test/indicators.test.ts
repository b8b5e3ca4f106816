import { DEFAULT_KPI_THRESHOLDS } from '@vinculo/common';
import {
  affiliationExecution,
  billingGrowth,
  countsAsBilling,
  digitalEfficiency,
  isEfficientDigitalSale,
  salesBudgetExecution,
} from '../src/domain/indicators';
import { executiveFigures } from '../src/domain/report';

const k = { ...DEFAULT_KPI_THRESHOLDS };

describe('indicators', () => {
  it('R-SAL-KPI counts monthly and imported invoices as billing, never a receivable invoice (factura CxC)', () => {
    expect(countsAsBilling(undefined)).toBe(true);
    expect(countsAsBilling('MONTHLY')).toBe(true);
    expect(countsAsBilling('IMPORTED')).toBe(true);
    expect(countsAsBilling('RECEIVABLE')).toBe(false);
  });

  it('R-SAL-KPI billing growth: ≥10 APPROVED, <0 REJECTED, <5 OBSERVED, 5–10 BETWEEN, no base NO_DATA', () => {
    expect(billingGrowth(110_00, 100_00, k)).toMatchObject({ value: 10, status: 'APPROVED', numerator: 1000, denominator: 10000 });
    expect(billingGrowth(107_50, 100_00, k)).toMatchObject({ value: 7.5, status: 'BETWEEN' });
    expect(billingGrowth(104_99, 100_00, k)).toMatchObject({ value: 4.99, status: 'OBSERVED' });
    expect(billingGrowth(99_00, 100_00, k)).toMatchObject({ value: -1, status: 'REJECTED' });
    expect(billingGrowth(105_00, 100_00, k)).toMatchObject({ value: 5, status: 'BETWEEN' });
    expect(billingGrowth(100_00, 100_00, k)).toMatchObject({ value: 0, status: 'OBSERVED' });
    expect(billingGrowth(5_00, 0, k)).toMatchObject({ value: null, status: 'NO_DATA' });
    expect(billingGrowth(106_00, 100_00, { ...k, salesGrowthApprovedAtLeast: 6 }).status).toBe('APPROVED');
  });

  it('R-DIG-KPI efficient = reached ORDER_ENTERED or later without entry rework; > 95 % ACCEPTED', () => {
    expect(isEfficientDigitalSale('ORDER_ENTERED', false)).toBe(true);
    expect(isEfficientDigitalSale('CLOSED', false)).toBe(true);
    expect(isEfficientDigitalSale('CLOSED', true)).toBe(false);
    expect(isEfficientDigitalSale('NOT_FEASIBLE', false)).toBe(false);
    expect(isEfficientDigitalSale('REQUIREMENTS_RECEIVED', false)).toBe(false);
    expect(digitalEfficiency(96, 100, k)).toMatchObject({ value: 96, status: 'ACCEPTED' });
    expect(digitalEfficiency(95, 100, k)).toMatchObject({ value: 95, status: 'OBSERVED' });
    expect(digitalEfficiency(0, 0, k).status).toBe('NO_DATA');
  });

  it('R-ASE-KPI1 affiliations / target ≥ 100 % ACCEPTED, else OBSERVED', () => {
    expect(affiliationExecution(10, 10, k)).toMatchObject({ value: 100, status: 'ACCEPTED' });
    expect(affiliationExecution(9, 10, k)).toMatchObject({ value: 90, status: 'OBSERVED' });
    expect(affiliationExecution(3, 0, k).status).toBe('NO_DATA');
  });

  it('R-ASE-KPI2 sales executed / budget ≥ 100 % ACCEPTED, else OBSERVED', () => {
    expect(salesBudgetExecution(2_000_000_00, 2_000_000_00, k)).toMatchObject({ value: 100, status: 'ACCEPTED' });
    expect(salesBudgetExecution(1_500_000_00, 2_000_000_00, k)).toMatchObject({ value: 75, status: 'OBSERVED' });
  });

  it('executive monthly figures: captures and portfolio sales vs targets', () => {
    const f = executiveFigures(
      [
        { kind: 'NEW_CAPTURE', status: 'ORDER_ENTERED', market: 'REGULATED', monthlyTotalMinor: 100_00 },
        { kind: 'NEW_CAPTURE', status: 'ORDER_ENTERED', market: null, monthlyTotalMinor: 50_00 },
        { kind: 'PORTFOLIO', status: 'ORDER_ENTERED', market: 'NON_REGULATED', monthlyTotalMinor: 30_00 },
        { kind: 'NEW_CAPTURE', status: 'LOST', market: null, monthlyTotalMinor: 999_00 },
      ],
      { newCapturesCount: 4, newCapturesAmountMinor: 300_00, portfolioAmountMinor: 0, affiliations: 1, salesBudgetMinor: 0 },
    );
    expect(f).toMatchObject({
      newCaptures: 2,
      newCapturesAmountMinor: 150_00,
      portfolioSales: 1,
      portfolioAmountMinor: 30_00,
      affiliations: 1,
      nonRegulatedSalesMinor: 30_00,
      lostProjects: 1,
      newCapturesAttainment: 50,
      newCapturesAmountAttainment: 50,
      portfolioAttainment: null,
    });
  });
});
