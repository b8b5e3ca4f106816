import { authorize, type RequestContext } from '@vinculo/common';
import type { SalesOrderResolvers } from '../__generated__/resolvers-types';
import { orderForm } from '../application/documents';
import type { SalesQueues } from '../application/work-queues';
import type { EnteredLine } from '../domain/sales-order';
import { policy } from '../policy';
import type { SalesOrderDoc } from '../store/sales-order.model';
import type { ResolverDeps } from './deps';
import { out } from './money';

const lineOut = (l: EnteredLine, currency: string) => ({
  planCode: l.planCode,
  promotionCode: l.promotionCode,
  monthlyFee: out(l.monthlyFeeMinor, currency),
  installationCost: out(l.installationCostMinor, currency),
});

/** The completion call's due time while the order waits for it (the queue's own function). */
export const orderDueAt = (q: SalesQueues) => (o: SalesOrderDoc, _a: unknown, ctx: RequestContext) =>
  o.status === 'INSTALLED' ? q.salesOrdersAwaitingCompletionCall.dueAt(o, ctx.principal.tenantId) : null;

export const SalesOrder = (deps: ResolverDeps, q: SalesQueues): SalesOrderResolvers => ({
  __resolveReference: (ref, ctx) => deps.orders.load(ctx, ref.id),
  id: (o) => o._id,
  customer: (o) => ({ id: o.customerId }),
  origin: (o) => o.origin ?? 'DIRECT',
  acceptedLines: (o) => (o.acceptedLines ?? []).map((l) => lineOut(l, o.currency)),
  enteredLines: (o) => (o.enteredLines ?? []).map((l) => lineOut(l, o.currency)),
  requirementDocuments: (o) => o.requirementDocuments ?? [],
  requirementAttachments: (o) => o.requirementAttachments ?? [],
  entryChecks: (o) => o.entryChecks ?? [],
  qualityCall: (o) => o.qualityCall ?? null,
  serviceNumber: (o) => o.serviceNumber ?? null,
  saleProject: (o, _a, ctx) => (o.saleProjectId ? deps.projects.load(ctx, o.saleProjectId) : null),
  digitalSaleRequest: (o, _a, ctx) => (o.digitalSaleRequestId ? deps.digital.load(ctx, o.digitalSaleRequestId) : null),
  version: (o) => o.version ?? 0,
  dueAt: orderDueAt(q),
  orderForm: (o, _a, ctx) => {
    authorize(policy, 'readPipeline', ctx.principal);
    return orderForm(deps, deps.docs, ctx.principal, o);
  },
});
