import type { SalesOrderResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { childConnection, loader } from '@vinculo/common';
import { type WorkOrderDoc, newestInstallations } from '../store/work-order.model';
import { readAs } from './read';

export const SalesOrder = (deps: ResolverDeps): SalesOrderResolvers => ({
  workOrders: (o, args, ctx) =>
    readAs(ctx, 'readWorkOrders', () =>
      childConnection<WorkOrderDoc>(
        ctx,
        { name: 'SalesOrder.workOrders', model: deps.workOrders, parentField: 'salesOrderId', sortField: 'createdAt' },
        o.id,
        args,
      ),
    ),
  installationWorkOrder: (o, _a, ctx) =>
    readAs(ctx, 'readWorkOrders', () =>
      loader<string, WorkOrderDoc | null>(ctx, 'installationBySalesOrder', (ids) => newestInstallations(deps.workOrders, ctx.principal.tenantId, ids)).load(
        o.id,
      ),
    ),
});
