import { DateTimeScalar } from '@vinculo/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { lead } from './Query/lead';
import { registerLead } from './Mutation/registerLead';
import { Lead } from './Lead';
import { Customer } from './Customer';

export function createResolvers(deps: ResolverDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { lead: lead(deps) },
    Mutation: { registerLead: registerLead(deps) },
    Lead: Lead(deps),
    Customer: Customer(deps),
  };
}
