import { authorize, businessNow } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { reportCutoff } from '../../domain/reconciliation';

/** The reconciliation report of the caller's tenant at a cutoff; every subgraph adds its facts and section. */
export const reconciliation =
  (_deps: ResolverDeps): Required<QueryResolvers>['reconciliation'] =>
  (_parent, { settledBefore }, ctx) => {
    authorize(policy, 'readReconciliation', ctx.principal);
    return { tenantId: ctx.principal.tenantId, cutoff: reportCutoff(settledBefore, businessNow(ctx.principal.tenantId)) };
  };
