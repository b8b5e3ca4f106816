import { DateScalar, DateTimeScalar } from '@vinculo/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { catalogMutations, catalogQueries, loadPlan, Plan, Promotion } from './catalog';
import { customerProjects, executiveNeeds, executiveProjects, loadProject, SaleProject, saleProjectMutations, saleProjectQueries } from './sale-project';
import { customerOrders, loadSalesOrder, SalesOrder, salesOrderMutations, salesOrderQueries } from './sales-order';
import { saleProjectDocuments, salesOrderDocuments } from './documents';
import { customerDigitalRequests, DigitalSaleRequest, digitalMutations, digitalQueries, loadDigital } from './digital-sale';
import { enterOrderMutations } from './enter-order';
import { projectIdForNeed } from '../store/new-need.model';
import { employeeFields, reportQueries, targetMutations } from './reports';
import { Reconciliation } from './reconciliation';
import { changesQueries } from './changes';
import { indicatorSeriesQueries } from './indicator-series';
import { dueAtResolvers, Me, workQueueQueries } from './work-queues';

export function createResolvers(deps: ResolverDeps): Resolvers {
  const order = (ctx: Parameters<typeof loadSalesOrder>[1], id: string) => loadSalesOrder(deps, ctx, id);
  return {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    Query: {
      ...changesQueries(deps),
      ...indicatorSeriesQueries(deps),
      ...salesOrderQueries(deps),
      ...saleProjectQueries(deps),
      ...digitalQueries(deps),
      ...catalogQueries(deps),
      ...reportQueries(deps),
      ...workQueueQueries(deps),
    },
    Mutation: {
      ...salesOrderMutations(deps),
      ...catalogMutations(deps),
      ...saleProjectMutations(deps),
      ...enterOrderMutations(deps),
      ...digitalMutations(deps),
      ...targetMutations(deps),
    },
    Plan: Plan(deps),
    Promotion: Promotion(deps),
    SaleProject: {
      ...SaleProject(deps),
      items: (p, _a, ctx) => Promise.all(p.items.map(async (i) => ({ ...i, plan: (await loadPlan(deps, ctx, i.planCode)) ?? null }))),
      salesOrder: (p, _a, ctx) => (p.orderId ? order(ctx, p.orderId).then((x) => x ?? null) : null),
      ...saleProjectDocuments(deps, deps.docs),
    },
    SalesOrder: {
      ...SalesOrder(deps, { project: (ctx, id) => loadProject(deps, ctx, id), digital: (ctx, id) => loadDigital(deps, ctx, id) }),
      ...salesOrderDocuments(deps, deps.docs),
      ...dueAtResolvers(deps).SalesOrder,
    },
    DigitalSaleRequest: { ...DigitalSaleRequest(deps, order), ...dueAtResolvers(deps).DigitalSaleRequest },
    Me: Me(deps),
    Customer: {
      salesOrders: customerOrders(deps),
      saleProjects: customerProjects(deps),
      digitalSaleRequests: customerDigitalRequests(deps),
    },
    NewNeed: {
      id: (n) => n._id,
      customer: (n) => ({ id: n.customerId }),
      // TAKEN = the project derived from the need exists (both read through the batched project loader).
      status: async (n, _a, ctx) => ((await loadProject(deps, ctx, projectIdForNeed(n._id))) ? 'TAKEN' : 'OPEN'),
      saleProject: (n, _a, ctx) => loadProject(deps, ctx, projectIdForNeed(n._id)),
    },
    Employee: {
      saleProjects: executiveProjects(deps),
      newNeeds: executiveNeeds(deps),
      ...employeeFields(deps),
    },
    Reconciliation: Reconciliation(deps),
  };
}
