import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { planMonth as run } from '../../application/monthly-plan';

export const planMonth =
  (deps: ResolverDeps): Required<MutationResolvers>['planMonth'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'planMonth', principal);
    return { monthlyPlan: await run(deps, principal, input) };
  };
