import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { updateTenantPolicy as run } from '../../application/tenant';

export const updateTenantPolicy =
  (deps: ResolverDeps): Required<MutationResolvers>['updateTenantPolicy'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'updateTenantPolicy', principal);
    return { tenant: await run(deps, principal, input) };
  };
