import { authorize, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideWorkOrder } from '../../domain/work-order';
import { openWorkOrder } from '../../application/work-orders';

export const createWorkOrder =
  (deps: ResolverDeps): MutationResolvers['createWorkOrder'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'createWorkOrder', principal);
    const decided = decideWorkOrder(input);
    await deps.directory.require(principal.tenantId, input.customerId);
    const { workOrder } = await openWorkOrder(deps, {
      _id: newId('wo'), tenantId: principal.tenantId, customerId: input.customerId, type: decided.type, address: decided.address, notes: decided.notes,
      priority: input.priority ?? 'NORMAL',
    }, principal);
    return { workOrder };
  };
