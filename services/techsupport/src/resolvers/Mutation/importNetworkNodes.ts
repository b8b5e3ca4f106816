import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { importNetwork } from '../../application/network';

/** Bulk import of the tenant's QGIS export (application/network.ts: all rows valid or nothing written). */
export const importNetworkNodes =
  (deps: ResolverDeps): NonNullable<MutationResolvers['importNetworkNodes']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'importNetworkNodes', principal);
    return importNetwork(deps, principal, input);
  };
