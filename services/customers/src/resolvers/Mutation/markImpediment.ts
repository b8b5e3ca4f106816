import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { markImpediment as mark } from '../../application/eligibility';

export const markImpediment =
  (deps: ResolverDeps): Required<MutationResolvers>['markImpediment'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageImpediments', principal);
    return { customer: await mark(deps, principal, input) };
  };
