import { authorize, badInput, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { SupportVisitDoc } from '../../store/visit.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { MAX_VISIT_MINUTES } from '../../domain/visit';

export const loadVisit = ({ visits }: ResolverDeps, ctx: RequestContext, id: string) => byIdLoader(visits, 'visitById')(ctx, id);

export const supportVisit =
  (deps: ResolverDeps): QueryResolvers['supportVisit'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readVisits', ctx.principal);
    return loadVisit(deps, ctx, id);
  };

/** The shared calendar: booked visits overlapping [from, to), at most 31 days. */
export const supportCalendar =
  (deps: ResolverDeps): QueryResolvers['supportCalendar'] =>
  (_parent, { from, to, analystId }, ctx) => {
    authorize(policy, 'readCalendar', ctx.principal);
    if (!(to > from) || to.getTime() - from.getTime() > 31 * 86_400_000) throw badInput('to must be after from, at most 31 days later', 'to');
    // A visit overlapping [from, to) started at most one maximal visit before `from`: the start index bounds the scan.
    const q: Record<string, unknown> = { tenantId: ctx.principal.tenantId, start: { $lt: to, $gte: new Date(from.getTime() - MAX_VISIT_MINUTES * 60_000) }, end: { $gt: from } };
    if (analystId) q.analystId = analystId;
    return deps.visits.find(q).sort({ start: 1, _id: 1 }).limit(500).lean<SupportVisitDoc[]>().exec();
  };
