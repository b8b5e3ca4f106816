import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const businessClock =
  ({ businessClock: clock }: ResolverDeps): Required<QueryResolvers>['businessClock'] =>
  (_parent, _args, { principal }) => {
    authorize(policy, 'readBusinessClock', principal);
    return clock.view(principal.tenantId);
  };
