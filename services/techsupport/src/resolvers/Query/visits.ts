import { authorize, badInput, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { calendarOf } from '../../store/visit.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const loadVisit = ({ visits }: ResolverDeps, ctx: RequestContext, id: string) => byIdLoader(visits, 'visitById')(ctx, id);

export const supportVisit =
  (deps: ResolverDeps): NonNullable<QueryResolvers['supportVisit']> =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readVisits', ctx.principal);
    return loadVisit(deps, ctx, id);
  };

/** The shared calendar: booked visits overlapping [from, to), at most 31 days. */
export const supportCalendar =
  (deps: ResolverDeps): NonNullable<QueryResolvers['supportCalendar']> =>
  (_parent, { from, to, analystId }, ctx) => {
    authorize(policy, 'readCalendar', ctx.principal);
    if (!(to > from) || to.getTime() - from.getTime() > 31 * 86_400_000) throw badInput('to must be after from, at most 31 days later', 'to');
    return calendarOf(deps.visits, ctx.principal.tenantId, from, to, analystId ?? null);
  };
