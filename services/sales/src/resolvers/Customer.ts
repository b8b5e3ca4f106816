import { childConnection } from '@vinculo/common';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { SalesOrderDoc } from '../store/sales-order.model';
import type { ResolverDeps } from './deps';

export const Customer = ({ orders }: ResolverDeps): CustomerResolvers => ({
  salesOrders: (customer, args, ctx) =>
    childConnection<SalesOrderDoc>(ctx, { name: 'Customer.salesOrders', model: orders, parentField: 'customerId', sortField: 'placedAt' }, customer.id, args),
});
