import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { openBillingAccount as open } from '../../application/billing-account';

export const openBillingAccount =
  (deps: ResolverDeps): Required<MutationResolvers>['openBillingAccount'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'openBillingAccount', principal);
    return { billingAccount: await open(deps, principal, input) };
  };
