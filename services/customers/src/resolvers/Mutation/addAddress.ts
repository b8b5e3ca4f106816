import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { addAddress as run } from '../../application/customer';

export const addAddress =
  (deps: ResolverDeps): Required<MutationResolvers>['addAddress'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageAddresses', principal);
    const { customerId, ...fields } = input;
    return { customer: await run(deps, principal, customerId, fields) };
  };
