import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { addContact as run } from '../../application/customer';

export const addContact =
  (deps: ResolverDeps): Required<MutationResolvers>['addContact'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageContacts', principal);
    return { customer: await run(deps, principal, input.customerId, input.contact, input.primary ?? false) };
  };
