import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { cancelVisit as run } from '../../application/visits';

export const cancelVisit =
  (deps: ResolverDeps): Required<MutationResolvers>['cancelVisit'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'cancelVisit', principal);
    return { visit: await run(deps, principal, input) };
  };
