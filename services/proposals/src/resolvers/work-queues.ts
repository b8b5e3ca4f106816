import { workQueuePage, workQueueSummaries, type WorkQueueSpec } from '@vinculo/common';
import type { MeResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import type { LeadDoc } from '../store/lead.model';
import type { OpportunityDoc } from '../store/opportunity.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';
import { complianceDueAt } from '../domain/work-queues';

/** The proposals queues (issue #15): their members, order and due time (domain/work-queues.ts). */
export function proposalQueues(deps: ResolverDeps) {
  const leadsToQualify: WorkQueueSpec<LeadDoc> = {
    name: 'leadsToQualify',
    roles: policy.readLeadQueue,
    model: deps.leads,
    sortField: 'registeredAt',
    base: (tenantId) => ({ tenantId, status: 'NEW', customerId: null }),
    dueAt: (l) => l.registeredAt,
  };
  const proposalsAwaitingCompliance: WorkQueueSpec<OpportunityDoc> = {
    name: 'proposalsAwaitingCompliance',
    roles: policy.readComplianceQueue,
    model: deps.opportunities,
    sortField: 'complianceDueOn',
    base: (tenantId) => ({ tenantId, status: 'IN_COMPLIANCE_REVIEW' }),
    dueAt: async (o, tenantId) => complianceDueAt(o.complianceDueOn, (await deps.tenantPolicy.policyFor(tenantId)).timeZone),
  };
  return { leadsToQualify, proposalsAwaitingCompliance };
}

export const workQueueQueries = (deps: ResolverDeps): Pick<Required<QueryResolvers>, 'leadsToQualify' | 'proposalsAwaitingCompliance'> => {
  const q = proposalQueues(deps);
  return {
    leadsToQualify: (_p, { filter, first, after }, ctx) =>
      workQueuePage(q.leadsToQualify, ctx.principal, filter?.source ? { source: filter.source } : {}, { first, after }),
    proposalsAwaitingCompliance: (_p, { filter, first, after }, ctx) => {
      const f: Record<string, unknown> = {};
      if (filter?.ownerId) f.ownerId = filter.ownerId;
      if (filter?.requirementType) f.requirementType = filter.requirementType;
      return workQueuePage(q.proposalsAwaitingCompliance, ctx.principal, f, { first, after });
    },
  };
};

/** The caller's proposals queues with their counts and first due time (Me, federated from customers). */
export const Me = (deps: ResolverDeps): MeResolvers => {
  const q = proposalQueues(deps);
  return {
    __resolveReference: (ref) => ({ userId: ref.userId }),
    proposalQueues: (me, _args, ctx) => workQueueSummaries([q.leadsToQualify, q.proposalsAwaitingCompliance], ctx.principal, me.userId),
  };
};

/** dueAt of the items (the same functions the overview uses). */
export const dueAtResolvers = (deps: ResolverDeps) => {
  const q = proposalQueues(deps);
  return {
    Lead: {
      dueAt: (l: LeadDoc, _a: unknown, ctx: { principal: { tenantId: string } }) =>
        l.status === 'NEW' && !l.customerId ? q.leadsToQualify.dueAt(l, ctx.principal.tenantId) : null,
    },
    Opportunity: {
      dueAt: (o: OpportunityDoc, _a: unknown, ctx: { principal: { tenantId: string } }) =>
        o.status === 'IN_COMPLIANCE_REVIEW' ? q.proposalsAwaitingCompliance.dueAt(o, ctx.principal.tenantId) : null,
    },
  };
};
