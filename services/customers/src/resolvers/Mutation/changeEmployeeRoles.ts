import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { changeEmployeeRoles as run } from '../../application/employee';

export const changeEmployeeRoles =
  (deps: ResolverDeps): Required<MutationResolvers>['changeEmployeeRoles'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageStaff', principal);
    return { employee: await run(deps, principal, input) };
  };
