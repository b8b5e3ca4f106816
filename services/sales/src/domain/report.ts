import { attainment } from './indicators';

/** What a monthly report needs of a closed project. */
export interface ClosedProject {
  kind: 'NEW_CAPTURE' | 'PORTFOLIO';
  status: string;
  market: 'REGULATED' | 'NON_REGULATED' | null;
  /** Monthly total of the accepted offer, minor units. */
  monthlyTotalMinor: number;
}

export interface TargetNumbers {
  newCapturesCount: number;
  newCapturesAmountMinor: number;
  portfolioAmountMinor: number;
  affiliations: number;
  salesBudgetMinor: number;
}

/**
 * A8 monthly report of one executive: new captures (A) and portfolio sales (B) whose order was entered
 * in the month, against the month's targets. A sale counts by the monthly total of its accepted offer.
 * Waste utility: an affiliation is a new capture in the REGULATED market; non-regulated sales add the
 * monthly totals of NON_REGULATED sales (both kinds).
 */
export function executiveFigures(closed: readonly ClosedProject[], target: TargetNumbers) {
  const sold = closed.filter((p) => p.status === 'ORDER_ENTERED');
  const captures = sold.filter((p) => p.kind === 'NEW_CAPTURE');
  const portfolio = sold.filter((p) => p.kind === 'PORTFOLIO');
  const sum = (ps: readonly ClosedProject[]) => ps.reduce((s, p) => s + p.monthlyTotalMinor, 0);
  const newCapturesAmountMinor = sum(captures);
  const portfolioAmountMinor = sum(portfolio);
  return {
    newCaptures: captures.length,
    newCapturesAmountMinor,
    portfolioSales: portfolio.length,
    portfolioAmountMinor,
    affiliations: captures.filter((p) => p.market === 'REGULATED').length,
    nonRegulatedSalesMinor: sum(sold.filter((p) => p.market === 'NON_REGULATED')),
    lostProjects: closed.filter((p) => p.status === 'LOST').length,
    newCapturesAttainment: attainment(captures.length, target.newCapturesCount),
    newCapturesAmountAttainment: attainment(newCapturesAmountMinor, target.newCapturesAmountMinor),
    portfolioAttainment: attainment(portfolioAmountMinor, target.portfolioAmountMinor),
  };
}
