import { DateTimeScalar } from '@vinculo/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { billingAccount } from './Query/billingAccount';
import { openBillingAccount } from './Mutation/openBillingAccount';
import { BillingAccount } from './BillingAccount';
import { Customer } from './Customer';

export function createResolvers(deps: ResolverDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { billingAccount: billingAccount(deps) },
    Mutation: { openBillingAccount: openBillingAccount(deps) },
    BillingAccount: BillingAccount(deps),
    Customer: Customer(deps),
  };
}
