import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { rescheduleVisit as run } from '../../application/visits';

export const rescheduleVisit =
  (deps: ResolverDeps): Required<MutationResolvers>['rescheduleVisit'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'scheduleVisit', principal);
    return { visit: await run(deps, principal, input) };
  };
