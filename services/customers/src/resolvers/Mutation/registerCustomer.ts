import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { registerCustomer as run } from '../../application/customer';

export const registerCustomer =
  (deps: ResolverDeps): Required<MutationResolvers>['registerCustomer'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'registerCustomer', principal);
    return { customer: await run(deps, principal, input) };
  };
