import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { registerLead as register } from '../../application/lead';

export const registerLead =
  (deps: ResolverDeps): Required<MutationResolvers>['registerLead'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'registerLead', principal);
    return { lead: await register(deps, principal, input) };
  };
