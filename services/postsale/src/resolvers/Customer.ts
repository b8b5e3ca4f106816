import { authorize, childConnection } from '@vinculo/common';
import type { CustomerResolvers, SalesOrderResolvers } from '../__generated__/resolvers-types';
import type { InstalledProductDoc } from '../store/installed-product.model';
import type { PostSaleRequestDoc } from '../store/request.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Customer = ({ products, requests }: ResolverDeps): CustomerResolvers => {
  const subscriptions: CustomerResolvers['installedProducts'] = (customer, args, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return childConnection<InstalledProductDoc>(
      ctx,
      { name: 'Customer.installedProducts', model: products, parentField: 'customerId', sortField: 'installedAt' },
      customer.id,
      args,
    );
  };
  return {
    installedProducts: subscriptions,
    subscriptions,
    postSaleRequests: (customer, args, ctx) => {
      authorize(policy, 'readPostsale', ctx.principal);
      return childConnection<PostSaleRequestDoc>(
        ctx,
        { name: 'Customer.postSaleRequests', model: requests, parentField: 'customerId', sortField: 'receivedAt' },
        customer.id,
        args,
      );
    },
  };
};

export const SalesOrder = ({ products }: ResolverDeps): SalesOrderResolvers => ({
  __resolveReference: (ref) => ({ id: ref.id }),
  subscriptions: (order, args, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return childConnection<InstalledProductDoc>(
      ctx,
      { name: 'SalesOrder.subscriptions', model: products, parentField: 'orderId', sortField: 'installedAt' },
      order.id,
      args,
    );
  },
});
