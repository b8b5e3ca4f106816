import { authorize, badInput } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { OpportunityDoc } from '../../store/opportunity.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { proposalIndicators as indicators } from '../../domain/indicators';

const FIELDS = { status: 1, currency: 1, history: 1, businessCase: 1, proposals: 1 };

export const proposalIndicators =
  ({ opportunities }: ResolverDeps): QueryResolvers['proposalIndicators'] =>
  async (_parent, { from, to }, { principal }) => {
    authorize(policy, 'readIndicators', principal);
    if (!(from < to)) throw badInput('from must be before to', 'from');
    if (to.getTime() - from.getTime() > 366 * 86_400_000) throw badInput('the period must not exceed 366 days', 'to');
    // Opportunities that changed in the period or are open now (pipeline): a reporting scan of one tenant.
    const rows = await opportunities
      .find({ tenantId: principal.tenantId, $or: [{ 'history.at': { $gte: from, $lt: to } }, { status: { $nin: ['WON', 'LOST', 'NO_GO'] } }] }, FIELDS)
      .lean<OpportunityDoc[]>();
    return indicators(rows, from, to);
  };
