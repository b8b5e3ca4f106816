import { authorize, businessNow } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { OpportunityDoc } from '../../store/opportunity.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { CLOSED_STATUSES } from '../../domain/opportunity';
import { localDay, addDays } from '../../domain/business-days';
import { weekOf, weeklyFollowUp as followUp } from '../../domain/follow-up';

/** Open opportunities read at most: the weekly meeting's agenda, not an export. */
const OPEN_MAX = 500;
const FIELDS = { _id: 1, status: 1, qualifiedAt: 1, history: 1, loss: 1 };

export const weeklyFollowUp =
  ({ opportunities, tenantPolicy }: ResolverDeps): QueryResolvers['weeklyFollowUp'] =>
  async (_parent, { week }, { principal }) => {
    authorize(policy, 'readProposals', principal);
    const { timeZone } = await tenantPolicy.policyFor(principal.tenantId);
    const now = businessNow(principal.tenantId);
    const span = weekOf(week ?? localDay(now, timeZone));
    const tenantId = principal.tenantId;
    const [open, lost] = await Promise.all([
      opportunities.find({ tenantId, status: { $nin: [...CLOSED_STATUSES] } }, FIELDS).sort({ qualifiedAt: 1, _id: 1 }).limit(OPEN_MAX).lean<OpportunityDoc[]>(),
      // A day of margin each side; the exact tenant-calendar week is applied in the domain.
      opportunities
        .find({ tenantId, status: 'LOST', 'loss.at': { $gte: new Date(`${addDays(span.weekStart, -1)}T00:00:00Z`), $lt: new Date(`${addDays(span.weekEnd, 2)}T00:00:00Z`) } }, FIELDS)
        .lean<OpportunityDoc[]>(),
    ]);
    return { ...span, ...followUp(open, lost, span, now, timeZone) };
  };
