import { authorize, childConnection } from '@vinculo/common';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { BillingAccountDoc } from '../store/billing-account.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Customer = ({ accounts }: ResolverDeps): CustomerResolvers => ({
  billingAccounts: (customer, args, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return childConnection<BillingAccountDoc>(
      ctx,
      { name: 'Customer.billingAccounts', model: accounts, parentField: 'customerId', sortField: 'openedAt' },
      customer.id,
      args,
    );
  },
});
