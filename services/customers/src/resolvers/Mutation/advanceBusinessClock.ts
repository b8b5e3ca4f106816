import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const advanceBusinessClock =
  ({ businessClock: clock }: ResolverDeps): Required<MutationResolvers>['advanceBusinessClock'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'advanceBusinessClock', principal);
    return { businessClock: await clock.advance(principal, input.to) };
  };
