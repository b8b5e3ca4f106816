import { authorize, businessNow, byIdLoader, childConnection, loader, money, type RequestContext } from '@vinculo/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { WorkOrderDoc } from '../store/work-order.model';
import type { DamageTicketDoc } from '../store/ticket.model';
import type { SupportVisitDoc } from '../store/visit.model';
import { settingsFor, type SettingsDoc } from '../store/settings.model';
import { atRiskFrom, slaAt } from '../domain/sla';
import { WORK_ORDER_TYPES } from '../domain/work-order';
import type { ResolverDeps } from './deps';
import { loadWorkOrder } from './Query/workOrder';
import { loadNode } from './Query/network';
import { loadTicket } from './Query/tickets';
import { loadVisit } from './Query/visits';
import { policy, type TechsupportAction } from '../policy';

const settingsOnce = (deps: ResolverDeps, ctx: RequestContext) =>
  loader<string, SettingsDoc>(ctx, 'settings', async (ids) => Promise.all(ids.map((t) => settingsFor(deps.settings, t)))).load(ctx.principal.tenantId);
const currencyOnce = (deps: ResolverDeps, ctx: RequestContext) =>
  loader<string, string>(ctx, 'currency', async (ids) => Promise.all(ids.map(async (t) => (await deps.tenantPolicy.policyFor(t)).currency))).load(ctx.principal.tenantId);

const ref = (id: string | null | undefined) => (id ? { id } : null);

/*
 * Every way into a record checks the reader's role as its own query does: entity references, and
 * fields reaching another kind of record (a partner reading work orders does not read the damage
 * tickets they repair; Customer.damageTickets is read by the roles that read tickets).
 */

/** `read()` once the caller's role may `action` (FORBIDDEN otherwise). */
function readAs<T>(ctx: RequestContext, action: TechsupportAction, read: () => T): T {
  authorize(policy, action, ctx.principal);
  return read();
}

export function typeResolvers(deps: ResolverDeps): Resolvers {
  const ticketFor = (ctx: RequestContext, id: string) => readAs(ctx, 'readTickets', () => loadTicket(deps, ctx, id));
  return {
    WorkOrder: {
      __resolveReference: (r, ctx) => readAs(ctx, 'readWorkOrders', () => loadWorkOrder(deps, ctx, r.id)),
      id: (w) => w._id,
      customer: (w) => ({ id: w.customerId }),
      salesOrder: (w) => ref(w.salesOrderId),
      ticket: (w, _a, ctx) => (w.ticketId ? ticketFor(ctx, w.ticketId) : null),
      installedProduct: (w) => ref(w.installedProductId),
      node: (w, _a, ctx) => (w.nodeId ? loadNode(deps, ctx, w.nodeId) : null),
      priority: (w) => w.priority ?? 'NORMAL',
      equipmentToRetrieve: (w) => w.equipmentToRetrieve ?? [],
      // Orders opened before atRiskAt was stored: the current settings' share.
      sla: async (w, _a, ctx) =>
        slaAt({ dueAt: w.dueAt, atRiskAt: w.atRiskAt ?? atRiskFrom(w.createdAt, w.dueAt, (await settingsOnce(deps, ctx))!.atRiskPercent), closedAt: w.closedAt ?? null }, businessNow(w.tenantId)),
      resolution: (w) => w.resolution ?? null,
    },
    NetworkNode: {
      __resolveReference: (r, ctx) => readAs(ctx, 'readNetwork', () => loadNode(deps, ctx, r.id)),
      id: (n) => n._id,
      portsUsed: (n) => n.portsInService + n.reservations.length,
      portsReserved: (n) => n.reservations.length,
      nodeVersion: (n) => n.version,
    },
    Feasibility: {
      reason: (f) => (f.feasible ? null : f.reason),
      detail: (f) => (f.feasible ? null : f.detail),
      node: (f, _a, ctx) => (f.feasible ? loadNode(deps, ctx, f.nodeId) : null),
      distanceM: (f) => (f.feasible ? f.distanceM : null),
      freePorts: (f) => (f.feasible ? f.freePorts : null),
    },
    DamageTicket: {
      __resolveReference: (r, ctx) => ticketFor(ctx, r.id),
      id: (t) => t._id,
      customer: (t) => ({ id: t.customerId }),
      installedProduct: (t) => ref(t.installedProductId),
      reiteratedFrom: (t, _a, ctx) => (t.reiteratedFrom ? loadTicket(deps, ctx, t.reiteratedFrom) : null),
      workOrder: (t, _a, ctx) => (t.workOrderId ? loadWorkOrder(deps, ctx, t.workOrderId) : null),
      qualityCall: (t) => t.qualityCall ?? null,
      qualityTicket: (t, _a, ctx) => (t.qualityTicketId ? loadTicket(deps, ctx, t.qualityTicketId) : null),
      diagnosis: (t) => (t.diagnosis as never) ?? null,
      followUps: (t) => t.followUps.map(({ at, by, note }) => ({ at, by, note })),
    },
    PreventiveReview: {
      __resolveReference: (r, ctx) => readAs(ctx, 'readPreventive', () => byIdLoader(deps.reviews, 'reviewById')(ctx, r.id)),
      id: (r) => r._id,
      customer: (r) => ({ id: r.customerId }),
      installedProduct: (r) => ref(r.installedProductId),
      feasibility: (r) => (r.feasibility as never) ?? null,
      excessCableCost: (r) => (r.excessCableMinor === null ? null : money(r.excessCableMinor, r.currency)),
      ticket: (r, _a, ctx) => (r.ticketId ? ticketFor(ctx, r.ticketId) : null),
      workOrder: (r, _a, ctx) => (r.workOrderId ? loadWorkOrder(deps, ctx, r.workOrderId) : null),
      qualityCall: (r) => r.qualityCall ?? null,
      qualityTicket: (r, _a, ctx) => (r.qualityTicketId ? ticketFor(ctx, r.qualityTicketId) : null),
    },
    PreventiveReviewItem: {
      customer: (i) => ({ id: i.customer._id }),
      customerName: (i) => i.customer.name,
    },
    PortfolioProduct: {
      installedProduct: (p) => ({ id: p._id }),
      family: (p) => p.family ?? 'OTHER',
      serviceNumber: (p) => p.serviceNumber ?? '',
      address: (p) => p.address ?? '',
    },
    SupportVisit: {
      __resolveReference: (r, ctx) => readAs(ctx, 'readVisits', () => loadVisit(deps, ctx, r.id)),
      id: (v) => v._id,
      customer: (v) => ({ id: v.customerId }),
      installedProduct: (v) => ref(v.installedProductId),
      channel: (v) => v.channel as never,
      workOrder: (v, _a, ctx) => (v.workOrderId ? loadWorkOrder(deps, ctx, v.workOrderId) : null),
      engineeringRecord: (v) => (v.engineeringRecord as never) ?? null,
      ticket: (v, _a, ctx) => (v.ticketId ? ticketFor(ctx, v.ticketId) : null),
    },
    TechsupportSettings: {
      slaHours: (s) => WORK_ORDER_TYPES.map((type) => ({ type, hours: s.slaHours?.[type] ?? null })),
      defaultDeadlineDays: async (_s, _a, ctx) => (await deps.tenantPolicy.policyFor(ctx.principal.tenantId)).policy.workOrderDeadlineDays,
      excessCablePerMeter: async (s, _a, ctx) => money(s.excessCablePerMeterMinor, (await currencyOnce(deps, ctx))!),
    },
    Customer: {
      workOrders: (c, args, ctx) => readAs(ctx, 'readWorkOrders', () => childConnection<WorkOrderDoc>(ctx, { name: 'Customer.workOrders', model: deps.workOrders, parentField: 'customerId', sortField: 'createdAt' }, c.id, args)),
      damageTickets: (c, args, ctx) => readAs(ctx, 'readTickets', () => childConnection<DamageTicketDoc>(ctx, { name: 'Customer.damageTickets', model: deps.tickets, parentField: 'customerId', sortField: 'createdAt' }, c.id, args)),
      supportVisits: (c, args, ctx) => readAs(ctx, 'readVisits', () => childConnection<SupportVisitDoc>(ctx, { name: 'Customer.supportVisits', model: deps.visits, parentField: 'customerId', sortField: 'createdAt' }, c.id, args)),
    },
    SalesOrder: {
      workOrders: (o, args, ctx) => readAs(ctx, 'readWorkOrders', () => childConnection<WorkOrderDoc>(ctx, { name: 'SalesOrder.workOrders', model: deps.workOrders, parentField: 'salesOrderId', sortField: 'createdAt' }, o.id, args)),
      installationWorkOrder: (o, _a, ctx) =>
        readAs(ctx, 'readWorkOrders', () => loader<string, WorkOrderDoc | null>(ctx, 'installationBySalesOrder', async (ids) => {
          const rows = await deps.workOrders.find({ tenantId: ctx.principal.tenantId, salesOrderId: { $in: [...ids] }, type: 'INSTALLATION' }).sort({ createdAt: -1, _id: -1 }).lean<WorkOrderDoc[]>();
          return ids.map((id) => rows.find((r) => r.salesOrderId === id) ?? null);
        }).load(o.id)),
    },
    InstalledProduct: {
      damageTickets: (p, args, ctx) => readAs(ctx, 'readTickets', () => childConnection<DamageTicketDoc>(ctx, { name: 'InstalledProduct.damageTickets', model: deps.tickets, parentField: 'installedProductId', sortField: 'createdAt' }, p.id, args)),
    },
  };
}
