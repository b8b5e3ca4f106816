import { plusHours, startOfLocalDay, workQueuePage, workQueueSummaries, type WorkQueueSpec } from '@vinculo/common';
import type { MeResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import type { BillingClaimDoc } from '../store/billing-claim.model';
import type { InvoiceDoc } from '../store/invoice.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

type Ctx = { principal: { tenantId: string } };

/**
 * The collections queues (issue #15) and what "due" means in each:
 * - billingClaimsToTell: a RESOLVED claim waits for the call that tells the customer (§3 F); it is a
 *   post-sale request, due within the tenant's timeliness hours (R-PS-KPI, default 24 h) of its resolution;
 * - invoicesToDeliver: an issued pro-forma invoice (monthly, receivable or imported from the billing
 *   system) waits for its delivery to the customer (§3 I); due when its payment due day starts, since a
 *   customer must have it before it can fall due.
 */
export function collectionsQueues(deps: ResolverDeps) {
  const billingClaimsToTell: WorkQueueSpec<BillingClaimDoc> = {
    name: 'billingClaimsToTell',
    roles: policy.readClaimsToTellQueue,
    model: deps.claims,
    sortField: 'resolvedAt',
    base: (tenantId) => ({ tenantId, status: 'RESOLVED' }),
    dueAt: async (c, tenantId) =>
      c.resolvedAt ? plusHours(c.resolvedAt, (await deps.tenantPolicy.policyFor(tenantId)).policy.kpi.postSaleTimelinessHours) : null,
  };
  const invoicesToDeliver: WorkQueueSpec<InvoiceDoc> = {
    name: 'invoicesToDeliver',
    roles: policy.readInvoicesToDeliverQueue,
    model: deps.invoices,
    sortField: 'dueDate',
    base: (tenantId) => ({ tenantId, firstDeliveredAt: null }),
    dueAt: async (i, tenantId) => startOfLocalDay(i.dueDate, (await deps.tenantPolicy.policyFor(tenantId)).timeZone),
  };
  return { billingClaimsToTell, invoicesToDeliver };
}

export const workQueueQueries = (deps: ResolverDeps): Pick<Required<QueryResolvers>, 'billingClaimsToTell' | 'invoicesToDeliver'> => {
  const q = collectionsQueues(deps);
  return {
    billingClaimsToTell: (_p, { filter, first, after }, ctx) => {
      const f: Record<string, unknown> = {};
      if (filter?.customerId) f.customerId = filter.customerId;
      if (filter?.billingAccountId) f.billingAccountId = filter.billingAccountId;
      if (filter?.outcome) f.outcome = filter.outcome;
      return workQueuePage(q.billingClaimsToTell, ctx.principal, f, { first, after });
    },
    invoicesToDeliver: (_p, { filter, first, after }, ctx) => {
      const f: Record<string, unknown> = {};
      if (filter?.customerId) f.customerId = filter.customerId;
      if (filter?.billingAccountId) f.billingAccountId = filter.billingAccountId;
      if (filter?.period) f.period = filter.period;
      return workQueuePage(q.invoicesToDeliver, ctx.principal, f, { first, after });
    },
  };
};

/** The caller's collections queues with their counts and first due time (Me, federated from customers). */
export const Me = (deps: ResolverDeps): MeResolvers => {
  const q = collectionsQueues(deps);
  return {
    __resolveReference: (ref) => ({ userId: ref.userId }),
    collectionsQueues: (me, _args, ctx) => workQueueSummaries([q.billingClaimsToTell, q.invoicesToDeliver], ctx.principal, me.userId),
  };
};

/** dueAt of the items while they wait (the same functions the overview uses). */
export const dueAtResolvers = (deps: ResolverDeps) => {
  const q = collectionsQueues(deps);
  return {
    BillingClaim: {
      dueAt: (c: BillingClaimDoc, _a: unknown, ctx: Ctx) => (c.status === 'RESOLVED' ? q.billingClaimsToTell.dueAt(c, ctx.principal.tenantId) : null),
    },
    Invoice: { dueAt: (i: InvoiceDoc, _a: unknown, ctx: Ctx) => (!i.firstDeliveredAt ? q.invoicesToDeliver.dueAt(i, ctx.principal.tenantId) : null) },
  };
};
