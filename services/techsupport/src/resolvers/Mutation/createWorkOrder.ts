import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { createWorkOrder as create } from '../../application/work-orders';

export const createWorkOrder =
  (deps: ResolverDeps): NonNullable<MutationResolvers['createWorkOrder']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'createWorkOrder', principal);
    return { workOrder: await create(deps, principal, input) };
  };
