import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { advanceBusinessClock as advance } from '../../application/business-clock';

export const advanceBusinessClock =
  ({ businessClock }: ResolverDeps): Required<MutationResolvers>['advanceBusinessClock'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'advanceBusinessClock', principal);
    return { businessClock: await advance(businessClock, principal, input.to) };
  };
