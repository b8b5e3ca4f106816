import { authorize } from '@vinculo/common';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { policy } from '../policy';
import type { ResolverDeps } from './deps';

/** A customer's sales: orders and digital requests for whoever reads sales, projects for the staff (the pipeline). */
export const Customer = (deps: ResolverDeps): CustomerResolvers => ({
  salesOrders: (customer, args, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return deps.orders.ofCustomer(ctx, customer.id, args);
  },
  saleProjects: (customer, args, ctx) => {
    authorize(policy, 'readPipeline', ctx.principal);
    return deps.projects.ofCustomer(ctx, customer.id, args);
  },
  digitalSaleRequests: (customer, args, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return deps.digital.ofCustomer(ctx, customer.id, args);
  },
});
