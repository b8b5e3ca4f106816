import { DateTimeScalar } from '@vinculo/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { workOrder } from './Query/workOrder';
import { createWorkOrder } from './Mutation/createWorkOrder';
import { WorkOrder } from './WorkOrder';
import { Customer, SalesOrder } from './Customer';

export function createResolvers(deps: ResolverDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { workOrder: workOrder(deps) },
    Mutation: { createWorkOrder: createWorkOrder(deps) },
    WorkOrder: WorkOrder(deps),
    Customer: Customer(deps),
    SalesOrder: SalesOrder(deps),
  };
}
