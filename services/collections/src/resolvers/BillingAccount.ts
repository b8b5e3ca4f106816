import { authorize } from '@vinculo/common';
import type { BillingAccountResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';
import { loadBillingAccount } from './Query/billingAccount';

export const BillingAccount = (deps: ResolverDeps): BillingAccountResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return loadBillingAccount(deps, ctx, ref.id);
  },
  id: (a) => a._id,
  customer: (a) => ({ id: a.customerId }),
});
