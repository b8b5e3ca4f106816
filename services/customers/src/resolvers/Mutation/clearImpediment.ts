import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { clearImpediment as clear } from '../../application/eligibility';

export const clearImpediment =
  (deps: ResolverDeps): Required<MutationResolvers>['clearImpediment'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageImpediments', principal);
    return { customer: await clear(deps, principal, input) };
  };
