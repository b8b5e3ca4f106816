import { DateTimeScalar } from '@vinculo/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { customer } from './Query/customer';
import { customersQuery } from './Query/customers';
import { registerCustomer } from './Mutation/registerCustomer';
import { assignPortfolio } from './Mutation/assignPortfolio';
import { Customer } from './Customer';

export function createResolvers(deps: ResolverDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { customer: customer(deps), customers: customersQuery(deps) },
    Mutation: { registerCustomer: registerCustomer(deps), assignPortfolio: assignPortfolio(deps) },
    Customer: Customer(deps),
  };
}
