import { authorize, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideWorkOrder } from '../../domain/work-order';
import { newWorkOrderDoc } from '../../store/work-order.repository';

export const createWorkOrder =
  ({ workOrders, directory, published }: ResolverDeps): MutationResolvers['createWorkOrder'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'createWorkOrder', principal);
    const decided = decideWorkOrder(input);
    await directory.require(principal.tenantId, input.customerId);
    const wo = { _id: newId('wo'), tenantId: principal.tenantId, customerId: input.customerId, salesOrderId: null, ...decided };
    const created = await workOrders.create(newWorkOrderDoc(wo, principal, principal.userId));
    published();
    return { workOrder: created.toObject() };
  };
