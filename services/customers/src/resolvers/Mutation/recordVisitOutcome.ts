import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { recordVisitOutcome as run } from '../../application/visits';

export const recordVisitOutcome =
  (deps: ResolverDeps): Required<MutationResolvers>['recordVisitOutcome'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordVisitOutcome', principal);
    return { visit: await run(deps, principal, input) };
  };
