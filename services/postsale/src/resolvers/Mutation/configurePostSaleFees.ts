import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { settingsView } from '../Query/postSaleSettings';
import { configureFees } from '../../application/settings';

/** ADMIN sets procedure fees of the tenant (an upsert of the given types; the others keep theirs). */
export const configurePostSaleFees =
  (deps: ResolverDeps): NonNullable<MutationResolvers['configurePostSaleFees']> =>
  async (_p, { input }, { principal }) => {
    authorize(policy, 'configurePostSaleFees', principal);
    await configureFees(deps, principal, input.fees);
    return settingsView(deps, principal.tenantId);
  };
