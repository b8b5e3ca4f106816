import { DateTimeScalar } from '@vinculo/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { salesOrder } from './Query/salesOrder';
import { placeSalesOrder } from './Mutation/placeSalesOrder';
import { SalesOrder } from './SalesOrder';
import { Customer } from './Customer';

export function createResolvers(deps: ResolverDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { salesOrder: salesOrder(deps) },
    Mutation: { placeSalesOrder: placeSalesOrder(deps) },
    SalesOrder: SalesOrder(deps),
    Customer: Customer(deps),
  };
}
