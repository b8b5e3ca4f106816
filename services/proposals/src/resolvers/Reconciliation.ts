import { authorize, reconciliationScope, reconciliationSection } from '@vinculo/common';
import type { ReconciliationResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

/** proposals' section of the reconciliation report: its own open event faults (it owes no other subgraph an effect). */
export const Reconciliation = ({ faults }: ResolverDeps): ReconciliationResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readReconciliation', ctx.principal);
    return reconciliationScope(ref, ctx.principal);
  },
  proposals: async (r) => reconciliationSection('proposals', r.cutoff, [], await faults(r.tenantId)),
});
