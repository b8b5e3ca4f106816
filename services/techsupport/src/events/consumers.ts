import { businessTimeOf, type EventEnvelope, type EventHandler, findOneById, idFromEvent, SYSTEM_ACTOR } from '@vinculo/common';
import { closedForWithdrawal, installationFor, isOpen } from '../domain/work-order';
import { ticketClosedByWorkOrder } from '../domain/ticket';
import type { WorkOrderDoc } from '../store/work-order.model';
import { closedKeyOf } from '../store/ticket.model';
import type { Deps } from '../application/deps';
import { applyDecision, openWorkOrder } from '../application/work-orders';
import { settle } from '../application/network';
import { openRepairWorkOrder, registerTicket, ticketEvent } from '../application/tickets';
import { openVisitWorkOrder } from '../application/visits';
import { openMigrationWorkOrder } from '../application/preventive';
import { updateVersioned } from '@vinculo/common';

const system = (tenantId: string) => ({ tenantId, actor: SYSTEM_ACTOR });

interface SalesOrderPlaced { orderId: string; customerId: string; planCode: string; installationAddress: string; nodeId?: string | null }
interface RelocationEntered { requestId: string; installedProductId: string; customerId: string; fromAddress?: string; toAddress: string; neighbourhood?: string | null; nodeId?: string | null }
interface ReplacementInstallationEntered { requestId: string; installedProductId: string; customerId: string; fromAddress?: string; toAddress: string; neighbourhood?: string | null; planCode: string; technology: string; nodeId: string }
interface WithdrawalEntered { requestId: string; installedProductId: string; customerId: string; address: string; equipment: { code: string; description?: string }[] }
interface ServiceProblemReported { problemId: string; customerId: string; executiveId: string; description: string; reportedAt: string; service?: 'LINE' | 'TV' | 'INTERNET' }
interface WorkOrderClosed { workOrderId: string; outcome: 'CLOSED_RESOLVED' | 'CLOSED_UNFOUNDED' | 'CLOSED_UNRESOLVED'; closedAt: string }

/**
 * Work orders opened from other subgraphs' events. Every id derives from the event id, so a
 * redelivered event finds the order already there (and the port reservation is per work order).
 * Their SLA clock starts when the fact happened (the event time, in the tenant's business time), not when it was consumed.
 */
export function consumers(deps: Deps): Record<string, EventHandler> {
  return {
    /** sales.SalesOrderPlaced → INSTALLATION, reserving a port on the serving node. */
    'sales.SalesOrderPlaced': async (e: EventEnvelope<SalesOrderPlaced>) => {
      const i = installationFor(e.data);
      await openWorkOrder(deps, {
        _id: idFromEvent('wo', e.id), tenantId: e.tenantId, customerId: e.data.customerId, type: 'INSTALLATION', address: i.address, notes: i.notes,
        salesOrderId: i.salesOrderId, nodeId: e.data.nodeId ?? null,
      }, system(e.tenantId), businessTimeOf(e.tenantId, e.time));
    },
    /** postsale.RelocationEntered → RELOCATION at the new address, reserving a port there. */
    'postsale.RelocationEntered': async (e: EventEnvelope<RelocationEntered>) => {
      const d = e.data;
      await openWorkOrder(deps, {
        _id: idFromEvent('wo', e.id), tenantId: e.tenantId, customerId: d.customerId, type: 'RELOCATION',
        address: [d.toAddress, d.neighbourhood].filter(Boolean).join(', ').slice(0, 300),
        notes: `Relocation${d.fromAddress ? ` from ${d.fromAddress}` : ''}: keep the customer in service until the new connection works`.slice(0, 2000),
        requestId: d.requestId, installedProductId: d.installedProductId, nodeId: d.nodeId ?? null,
      }, system(e.tenantId), businessTimeOf(e.tenantId, e.time));
    },
    /**
     * postsale.ReplacementInstallationEntered (R-PS-C2) → INSTALLATION of the new product at the new
     * address, reserving a port on the new node. The old product keeps service meanwhile; its retrieval
     * comes as WithdrawalEntered once this one is closed resolved.
     */
    'postsale.ReplacementInstallationEntered': async (e: EventEnvelope<ReplacementInstallationEntered>) => {
      const d = e.data;
      await openWorkOrder(deps, {
        _id: idFromEvent('wo', e.id), tenantId: e.tenantId, customerId: d.customerId, type: 'INSTALLATION',
        address: [d.toAddress, d.neighbourhood].filter(Boolean).join(', ').slice(0, 300),
        notes: `Install plan ${d.planCode} (${d.technology}), relocation with technology change${d.fromAddress ? ` from ${d.fromAddress}` : ''}: the old service stays until this one works`.slice(0, 2000),
        requestId: d.requestId, nodeId: d.nodeId,
      }, system(e.tenantId), new Date(e.time));
    },
    /** postsale.WithdrawalEntered → the product's open work orders closed first (R-PS-H4), then EQUIPMENT_RETRIEVAL when there is equipment to retrieve. */
    'postsale.WithdrawalEntered': async (e: EventEnvelope<WithdrawalEntered>) => {
      const d = e.data;
      const retrievalId = idFromEvent('wo', e.id);
      const open = await deps.workOrders
        .find({ tenantId: e.tenantId, installedProductId: d.installedProductId, status: { $in: ['CREATED', 'ASSIGNED', 'IN_PROGRESS'] }, _id: { $ne: retrievalId } })
        .lean<WorkOrderDoc[]>();
      const now = businessTimeOf(e.tenantId, e.time);
      for (const wo of open) if (isOpen(wo.status)) await applyDecision(deps, system(e.tenantId), wo, closedForWithdrawal(wo, d.requestId, now));
      // Nothing installed at the customer's (a waste-collection service): nothing to retrieve, no work order.
      if (!d.equipment.length) return;
      await openWorkOrder(deps, {
        _id: retrievalId, tenantId: e.tenantId, customerId: d.customerId, type: 'EQUIPMENT_RETRIEVAL', address: d.address,
        notes: `Retrieve: ${d.equipment.map((q) => q.code + (q.description ? ` (${q.description})` : '')).join(', ')}`.slice(0, 2000),
        requestId: d.requestId, installedProductId: d.installedProductId, equipmentToRetrieve: d.equipment.map((q) => q.code),
      }, system(e.tenantId), now);
    },
    /** customers.ServiceProblemReported (loyalty call) → a damage ticket as in §3 E (R-TS-E1 applies). */
    'customers.ServiceProblemReported': async (e: EventEnvelope<ServiceProblemReported>) => {
      const d = e.data;
      const entry = await findOneById(deps.directory.model, e.tenantId, d.customerId);
      if (!entry) throw new Error(`customer ${d.customerId} not in the directory yet`);
      // §3 J.5–6: the service the executive named routes the ticket (internet → the analyst's remote
      // diagnosis, line/TV → the coordinator); a call that names none is triaged by the coordinator. The
      // call has no phone or address: the address is the customer's product in service when known.
      const product = await deps.products.model.findOne({ tenantId: e.tenantId, customerId: d.customerId, status: { $ne: 'WITHDRAWN' } }).sort({ _id: 1 }).lean<{ address?: string }>();
      await registerTicket(deps, {
        tenantId: e.tenantId, customerId: d.customerId, installedProductId: null, source: 'LOYALTY_CALL', key: `problem:${d.problemId}`,
        service: d.service ?? 'UNSPECIFIED', cause: d.description.slice(0, 500), address: product?.address || 'To confirm with the customer (loyalty call)', referencePhone: null,
      }, system(e.tenantId), businessTimeOf(e.tenantId, e.time));
    },
    /*
     * Our own facts that name a work order to open (a dispatched ticket, an accepted migration, a
     * scheduled visit): the act opened it right after its write, and these open it again from the
     * stored record (idempotent: deterministic id), so a crash between the two writes loses nothing.
     */
    'techsupport.DamageTicketChanged': async (e: EventEnvelope<{ ticketId: string; change: string }>) => {
      if (e.data.change !== 'DISPATCHED') return;
      const t = await findOneById(deps.tickets, e.tenantId, e.data.ticketId);
      if (t) await openRepairWorkOrder(deps, t, system(e.tenantId), businessTimeOf(e.tenantId, e.time));
    },
    'techsupport.PreventiveReviewRecorded': async (e: EventEnvelope<{ reviewId: string; migration: string | null }>) => {
      if (e.data.migration !== 'ACCEPTED') return;
      const r = await findOneById(deps.reviews, e.tenantId, e.data.reviewId);
      if (r) await openMigrationWorkOrder(deps, r, system(e.tenantId), businessTimeOf(e.tenantId, e.time));
    },
    'techsupport.SupportVisitChanged': async (e: EventEnvelope<{ visitId: string; status: string }>) => {
      if (e.data.status !== 'SCHEDULED') return;
      const v = await findOneById(deps.visits, e.tenantId, e.data.visitId);
      if (v) await openVisitWorkOrder(deps, v, system(e.tenantId), businessTimeOf(e.tenantId, e.time));
    },
    /** Our own WorkOrderClosed: the node's reserved port is consumed or released; a repaired ticket closes. */
    'techsupport.WorkOrderClosed': async (e: EventEnvelope<WorkOrderClosed>) => {
      const wo = await findOneById(deps.workOrders, e.tenantId, e.data.workOrderId);
      if (!wo) return;
      if (wo.nodeId) await settle(deps, e.tenantId, wo.nodeId, wo._id, e.data.outcome === 'CLOSED_RESOLVED', system(e.tenantId));
      if (wo.ticketId) {
        for (let attempt = 0; attempt < 5; attempt++) {
          const t = await findOneById(deps.tickets, e.tenantId, wo.ticketId);
          const d = t && ticketClosedByWorkOrder(t.status, e.data.outcome, new Date(e.data.closedAt));
          if (!t || !d) return;
          try {
            await updateVersioned(deps.tickets, { _id: t._id, tenantId: t.tenantId }, t.version, { $set: { ...d.set, openKey: closedKeyOf(t._id) }, $push: { history: d.history } },
              [ticketEvent({ ...t, ...d.set }, 'CLOSED', system(e.tenantId), `work order ${wo._id} ${e.data.outcome}`)]);
            deps.published();
            return;
          } catch (err) {
            if (attempt === 4) throw err;
          }
        }
      }
    },
  };
}
