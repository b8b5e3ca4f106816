import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { reactivateExpiredAsAdmin } from '../../application/reactivation';

export const reactivateExpiredSuspensions =
  (deps: ResolverDeps): MutationResolvers['reactivateExpiredSuspensions'] =>
  async (_p, _args, { principal }) => ({ reactivated: await reactivateExpiredAsAdmin(deps, principal) });
