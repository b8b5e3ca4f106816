import { authorize, businessNow } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { localDay, addDays } from '../../domain/business-days';
import { weekOf, weeklyFollowUp as followUp } from '../../domain/follow-up';

export const weeklyFollowUp =
  ({ reads, tenantPolicy }: ResolverDeps): Required<QueryResolvers>['weeklyFollowUp'] =>
  async (_parent, { week }, { principal }) => {
    authorize(policy, 'readProposals', principal);
    const { timeZone } = await tenantPolicy.policyFor(principal.tenantId);
    const now = businessNow(principal.tenantId);
    const span = weekOf(week ?? localDay(now, timeZone));
    const tenantId = principal.tenantId;
    const [open, lost] = await Promise.all([
      reads.openForFollowUp(tenantId),
      // A day of margin each side; the exact tenant-calendar week is applied in the domain.
      reads.lostBetween(tenantId, new Date(`${addDays(span.weekStart, -1)}T00:00:00Z`), new Date(`${addDays(span.weekEnd, 2)}T00:00:00Z`)),
    ]);
    return { ...span, ...followUp(open, lost, span, now, timeZone) };
  };
