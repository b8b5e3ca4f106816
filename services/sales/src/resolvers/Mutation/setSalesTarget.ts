import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { setSalesTarget as setTarget } from '../../application/targets';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

export const setSalesTarget =
  (deps: ResolverDeps): Required<MutationResolvers>['setSalesTarget'] =>
  async (_p, { input }, { principal }) => {
    authorize(policy, 'setSalesTarget', principal);
    return { target: await setTarget(deps, principal, input) };
  };
