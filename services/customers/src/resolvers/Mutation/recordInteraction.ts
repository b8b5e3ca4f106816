import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { recordInteraction as run } from '../../application/interaction';

export const recordInteraction =
  (deps: ResolverDeps): Required<MutationResolvers>['recordInteraction'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordInteraction', principal);
    return { interaction: await run(deps, principal, input) };
  };
