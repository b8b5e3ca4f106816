import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { recordLoyaltyCall as run } from '../../application/interaction';

export const recordLoyaltyCall =
  (deps: ResolverDeps): Required<MutationResolvers>['recordLoyaltyCall'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordLoyaltyCall', principal);
    return run(deps, principal, input);
  };
