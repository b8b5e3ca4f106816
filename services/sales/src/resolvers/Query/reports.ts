import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import {
  affiliationIndicator,
  billingGrowthIndicator,
  digitalSalesIndicator,
  executiveMonthlyReport,
  salesBudgetIndicator,
  salesIndicatorSeries,
  teamMonthlyReport,
} from '../../application/reports';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

type ReportFields =
  | 'executiveMonthlyReport'
  | 'teamMonthlyReport'
  | 'billingGrowthIndicator'
  | 'digitalSalesIndicator'
  | 'affiliationIndicator'
  | 'salesBudgetIndicator'
  | 'salesIndicatorSeries';

/** The sales reports and indicators: the role here; "own figures only" in the use cases. */
export const reportQueries = (deps: ResolverDeps): Required<Pick<QueryResolvers, ReportFields>> => ({
  executiveMonthlyReport: (_p, { executiveId, month }, { principal }) => {
    authorize(policy, 'readReports', principal);
    return executiveMonthlyReport(deps, principal, executiveId, month);
  },
  teamMonthlyReport: (_p, { leadId, month }, { principal }) => {
    authorize(policy, 'readTeamReports', principal);
    return teamMonthlyReport(deps, principal, leadId, month);
  },
  billingGrowthIndicator: (_p, { month, segment }, { principal }) => {
    authorize(policy, 'readReports', principal);
    return billingGrowthIndicator(deps, principal, month, segment);
  },
  digitalSalesIndicator: (_p, { day }, { principal }) => {
    authorize(policy, 'readReports', principal);
    return digitalSalesIndicator(deps, principal, day);
  },
  affiliationIndicator: (_p, { month, executiveId }, { principal }) => {
    authorize(policy, 'readReports', principal);
    return affiliationIndicator(deps, principal, month, executiveId);
  },
  salesBudgetIndicator: (_p, { month, executiveId }, { principal }) => {
    authorize(policy, 'readReports', principal);
    return salesBudgetIndicator(deps, principal, month, executiveId);
  },
  // Before reading the range: a caller who may not read indicators learns nothing, not even bad input.
  salesIndicatorSeries: (_p, args, { principal }) => {
    authorize(policy, 'readReports', principal);
    return salesIndicatorSeries(deps, principal, args);
  },
});
