import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { assignTeamLead as run } from '../../application/employee';

export const assignTeamLead =
  (deps: ResolverDeps): Required<MutationResolvers>['assignTeamLead'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageStaff', principal);
    return { employee: await run(deps, principal, input) };
  };
