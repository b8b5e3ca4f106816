import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { qualifyLead as qualify } from '../../application/lead';

/** Qualify a NEW lead into an opportunity (application/lead.ts). */
export const qualifyLead =
  (deps: ResolverDeps): Required<MutationResolvers>['qualifyLead'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'qualifyLead', principal);
    return { opportunity: await qualify(deps, principal, input) };
  };
