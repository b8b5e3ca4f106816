import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { setPrimaryContact as run } from '../../application/customer';

export const setPrimaryContact =
  (deps: ResolverDeps): Required<MutationResolvers>['setPrimaryContact'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageContacts', principal);
    return { customer: await run(deps, principal, input.customerId, input.contactId) };
  };
