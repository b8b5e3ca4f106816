import { authorize, newEnvelope, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideOrder } from '../../domain/sales-order';

export const placeSalesOrder =
  ({ orders, directory, published }: ResolverDeps): MutationResolvers['placeSalesOrder'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'placeSalesOrder', principal);
    const order = decideOrder(input);
    await directory.require(principal.tenantId, input.customerId);
    const id = newId('so');
    const now = new Date();
    const event = newEnvelope('sales', principal, {
      type: 'sales.SalesOrderPlaced',
      subject: id,
      data: { orderId: id, customerId: input.customerId, planCode: order.planCode, installationAddress: order.installationAddress },
    });
    const created = await orders.create({
      _id: id,
      tenantId: principal.tenantId,
      customerId: input.customerId,
      ...order,
      placedBy: principal.userId,
      placedAt: now,
      history: [{ from: null, to: order.status, by: principal.userId, at: now, note: null }],
      outbox: [event],
    });
    published();
    return { salesOrder: created.toObject() };
  };
