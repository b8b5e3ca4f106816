import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { configureTenant as run } from '../../application/tenant';

export const configureTenant =
  (deps: ResolverDeps): Required<MutationResolvers>['configureTenant'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'configureTenant', principal);
    return { tenant: await run(deps, principal, input) };
  };
