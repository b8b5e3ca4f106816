import { childConnection } from '@vinculo/common';
import type { CustomerResolvers, SalesOrderResolvers } from '../__generated__/resolvers-types';
import type { WorkOrderDoc } from '../store/work-order.model';
import type { ResolverDeps } from './deps';

export const Customer = ({ workOrders }: ResolverDeps): CustomerResolvers => ({
  workOrders: (customer, args, ctx) =>
    childConnection<WorkOrderDoc>(ctx, { name: 'Customer.workOrders', model: workOrders, parentField: 'customerId', sortField: 'createdAt' }, customer.id, args),
});

export const SalesOrder = ({ workOrders }: ResolverDeps): SalesOrderResolvers => ({
  workOrders: (order, args, ctx) =>
    childConnection<WorkOrderDoc>(ctx, { name: 'SalesOrder.workOrders', model: workOrders, parentField: 'salesOrderId', sortField: 'createdAt' }, order.id, args),
});
