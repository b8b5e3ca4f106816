import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { updateContact as run } from '../../application/customer';

export const updateContact =
  (deps: ResolverDeps): Required<MutationResolvers>['updateContact'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageContacts', principal);
    const { customerId, contactId, ...patch } = input;
    return { customer: await run(deps, principal, customerId, contactId, patch) };
  };
