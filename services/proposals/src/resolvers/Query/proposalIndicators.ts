import { authorize, badInput } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { proposalIndicators as indicators } from '../../domain/indicators';

export const proposalIndicators =
  ({ reads }: ResolverDeps): Required<QueryResolvers>['proposalIndicators'] =>
  async (_parent, { from, to }, { principal }) => {
    authorize(policy, 'readIndicators', principal);
    if (!(from < to)) throw badInput('from must be before to', 'from');
    if (to.getTime() - from.getTime() > 366 * 86_400_000) throw badInput('the period must not exceed 366 days', 'to');
    return indicators(await reads.forIndicators(principal.tenantId, from, to), from, to);
  };
