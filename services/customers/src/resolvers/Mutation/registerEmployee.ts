import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { registerEmployee as run } from '../../application/employee';

export const registerEmployee =
  (deps: ResolverDeps): Required<MutationResolvers>['registerEmployee'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageStaff', principal);
    return { employee: await run(deps, principal, input) };
  };
