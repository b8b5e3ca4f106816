import { DateTimeScalar } from '@vinculo/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { installedProduct } from './Query/installedProduct';
import { registerInstalledProduct } from './Mutation/registerInstalledProduct';
import { InstalledProduct } from './InstalledProduct';
import { Customer } from './Customer';

export function createResolvers(deps: ResolverDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { installedProduct: installedProduct(deps) },
    Mutation: { registerInstalledProduct: registerInstalledProduct(deps) },
    InstalledProduct: InstalledProduct(deps),
    Customer: Customer(deps),
  };
}
