import type { StatusChangeDoc } from '@vinculo/common';
import { percentString } from './business-case';
import { isOpen, type BusinessCaseState, type OpportunityStatus, type ProposalVersion } from './opportunity';

/** What the indicators read of an opportunity. */
export interface IndicatorSource {
  status: OpportunityStatus;
  currency: string;
  history: StatusChangeDoc[];
  businessCase: BusinessCaseState | null;
  proposals: ProposalVersion[];
}

export interface PipelineStageValue {
  status: OpportunityStatus;
  count: number;
  valueMinor: number;
  currency: string;
}
export interface StageCycleTime {
  status: OpportunityStatus;
  transitions: number;
  averageHours: number;
}
export interface ProposalIndicators {
  won: number;
  lost: number;
  noGo: number;
  winRate: string | null;
  complianceFirstPassRate: string | null;
  cycleTimes: StageCycleTime[];
  pipeline: PipelineStageValue[];
}

const inPeriod = (at: Date | string, from: Date, to: Date) => {
  const t = new Date(at).getTime();
  return t >= from.getTime() && t < to.getTime();
};

/** a / b in percent, rounded half up to two decimals, from integers only. */
export function ratePercent(a: number, b: number): string | null {
  if (b === 0) return null;
  return percentString(Math.floor((a * 20000 + b) / (2 * b)));
}

/** The value an open opportunity adds to the pipeline: its latest proposal's price, else the business case revenue. */
export const pipelineValue = (o: IndicatorSource): number => o.proposals.at(-1)?.priceMinor ?? o.businessCase?.totalRevenueMinor ?? 0;

/**
 * Proposal indicators (DOMAIN.md "Indicators summary"): win rate = won / (won + lost) among opportunities
 * closed in [from, to); compliance first-pass rate = opportunities whose first compliance review falls in
 * the period and APPROVED version 1; cycle time per stage = mean hours in a stage for every exit from it in
 * the period; pipeline value by stage = open opportunities now.
 */
export function proposalIndicators(opps: IndicatorSource[], from: Date, to: Date): ProposalIndicators {
  let won = 0;
  let lost = 0;
  let noGo = 0;
  let firstReviews = 0;
  let firstPass = 0;
  const stages = new Map<OpportunityStatus, { n: number; ms: number }>();
  const pipeline = new Map<OpportunityStatus, PipelineStageValue>();
  for (const o of opps) {
    const closing = o.history.at(-1);
    if (closing && !isOpen(o.status) && inPeriod(closing.at, from, to)) {
      if (o.status === 'WON') won++;
      else if (o.status === 'LOST') lost++;
      else noGo++;
    }
    const first = o.proposals[0]?.complianceReview;
    if (first && inPeriod(first.at, from, to)) {
      firstReviews++;
      if (first.outcome === 'APPROVED') firstPass++;
    }
    for (let i = 1; i < o.history.length; i++) {
      const exit = o.history[i]!;
      const entry = o.history[i - 1]!;
      if (!inPeriod(exit.at, from, to)) continue;
      const stage = entry.to as OpportunityStatus;
      const s = stages.get(stage) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += new Date(exit.at).getTime() - new Date(entry.at).getTime();
      stages.set(stage, s);
    }
    if (isOpen(o.status)) {
      const p = pipeline.get(o.status) ?? { status: o.status, count: 0, valueMinor: 0, currency: o.currency };
      p.count++;
      p.valueMinor += pipelineValue(o);
      pipeline.set(o.status, p);
    }
  }
  return {
    won,
    lost,
    noGo,
    winRate: ratePercent(won, won + lost),
    complianceFirstPassRate: ratePercent(firstPass, firstReviews),
    cycleTimes: [...stages].map(([status, s]) => ({ status, transitions: s.n, averageHours: Math.round((s.ms / s.n / 3_600_000) * 100) / 100 })),
    pipeline: [...pipeline.values()],
  };
}
