import { authorize, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideReinstallation, decideWorkOrder, type EarlierInstallation } from '../../domain/work-order';
import { openWorkOrder } from '../../application/work-orders';

export const createWorkOrder =
  (deps: ResolverDeps): MutationResolvers['createWorkOrder'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'createWorkOrder', principal);
    const decided = decideWorkOrder(input);
    await deps.directory.require(principal.tenantId, input.customerId);
    // A new installation of a sales order whose installation did not succeed: linked to the order (its closure moves it on in sales).
    const salesOrderId = input.salesOrderId?.trim() || null;
    const link = salesOrderId
      ? decideReinstallation(salesOrderId, input.customerId, decided.type, await deps.workOrders.find({ tenantId: principal.tenantId, salesOrderId, type: 'INSTALLATION' }).lean<EarlierInstallation[]>())
      : null;
    const { workOrder } = await openWorkOrder(deps, {
      _id: newId('wo'), tenantId: principal.tenantId, customerId: input.customerId, type: decided.type, address: decided.address, notes: decided.notes,
      priority: input.priority ?? 'NORMAL', salesOrderId, nodeId: link?.nodeId ?? null,
    }, principal);
    return { workOrder };
  };
