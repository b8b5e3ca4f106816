import { authorize } from '@vinculo/common';
import { policy } from '../../policy';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { reactivateExpiredAsAdmin } from '../../application/reactivation';

export const reactivateExpiredSuspensions =
  (deps: ResolverDeps): NonNullable<MutationResolvers['reactivateExpiredSuspensions']> =>
  async (_p, _args, { principal }) => {
    authorize(policy, 'reactivateExpiredSuspensions', principal);
    return { reactivated: await reactivateExpiredAsAdmin(deps, principal) };
  };
