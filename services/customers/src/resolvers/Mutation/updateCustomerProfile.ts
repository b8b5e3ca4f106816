import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { updateCustomerProfile as run } from '../../application/customer';

export const updateCustomerProfile =
  (deps: ResolverDeps): Required<MutationResolvers>['updateCustomerProfile'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'updateCustomerProfile', principal);
    const { customerId, ...patch } = input;
    return { customer: await run(deps, principal, customerId, patch) };
  };
