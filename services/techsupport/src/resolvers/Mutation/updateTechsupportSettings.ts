import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { updateSettings } from '../../application/settings';

/** ADMIN: the tenant's technical-support settings, versioned (a stale expectedVersion → CONFLICT). */
export const updateTechsupportSettings =
  (deps: ResolverDeps): NonNullable<MutationResolvers['updateTechsupportSettings']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'updateSettings', principal);
    return updateSettings(deps, principal, input);
  };
