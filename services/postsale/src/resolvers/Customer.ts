import { authorize, childConnection } from '@vinculo/common';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { InstalledProductDoc } from '../store/installed-product.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Customer = ({ products }: ResolverDeps): CustomerResolvers => ({
  installedProducts: (customer, args, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return childConnection<InstalledProductDoc>(
      ctx,
      { name: 'Customer.installedProducts', model: products, parentField: 'customerId', sortField: 'installedAt' },
      customer.id,
      args,
    );
  },
});
