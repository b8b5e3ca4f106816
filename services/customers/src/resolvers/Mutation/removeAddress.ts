import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { removeAddress as run } from '../../application/customer';

export const removeAddress =
  (deps: ResolverDeps): Required<MutationResolvers>['removeAddress'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageAddresses', principal);
    return { customer: await run(deps, principal, input.customerId, input.addressId) };
  };
