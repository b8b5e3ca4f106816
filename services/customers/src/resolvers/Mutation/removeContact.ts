import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { removeContact as run } from '../../application/customer';

export const removeContact =
  (deps: ResolverDeps): Required<MutationResolvers>['removeContact'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageContacts', principal);
    return { customer: await run(deps, principal, input.customerId, input.contactId) };
  };
