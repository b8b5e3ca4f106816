import { businessTimeOf, findOneById, idFromEvent, SYSTEM_ACTOR, type EventData } from '@vinculo/common';
import { installationFor } from '../domain/work-order';
import type { Deps } from './deps';
import { closeForWithdrawal, openWorkOrder, openWorkOrdersOf } from './work-orders';
import { settle } from './network';
import { closeTicketByWorkOrder, openRepairWorkOrder, registerTicket } from './tickets';
import { openVisitWorkOrder } from './visits';
import { openMigrationWorkOrder } from './preventive';

/**
 * What techsupport does when a fact arrives (events/consumers.ts wires each event type to one of
 * these). The system acts: every id derives from the fact's id, so a redelivered fact finds its work
 * order or ticket already there (and the port reservation is per work order). The SLA clock starts
 * when the fact happened (its time, in the tenant's business time), not when it was consumed.
 */
export interface Fact {
  id: string;
  tenantId: string;
  time: string;
}

const system = (tenantId: string) => ({ tenantId, actor: SYSTEM_ACTOR });
const at = (f: Fact) => businessTimeOf(f.tenantId, f.time);

/** sales.SalesOrderPlaced → INSTALLATION, reserving a port on the serving node. */
export async function openInstallationForSale(deps: Deps, f: Fact, d: EventData<'sales.SalesOrderPlaced'>) {
  const i = installationFor(d);
  await openWorkOrder(
    deps,
    {
      _id: idFromEvent('wo', f.id),
      tenantId: f.tenantId,
      customerId: d.customerId,
      type: 'INSTALLATION',
      address: i.address,
      notes: i.notes,
      salesOrderId: i.salesOrderId,
      nodeId: d.nodeId ?? null,
    },
    system(f.tenantId),
    at(f),
  );
}

/** postsale.RelocationEntered → RELOCATION at the new address, reserving a port there. */
export async function openRelocation(deps: Deps, f: Fact, d: EventData<'postsale.RelocationEntered'>) {
  await openWorkOrder(
    deps,
    {
      _id: idFromEvent('wo', f.id),
      tenantId: f.tenantId,
      customerId: d.customerId,
      type: 'RELOCATION',
      address: [d.toAddress, d.neighbourhood].filter(Boolean).join(', ').slice(0, 300),
      notes: `Relocation${d.fromAddress ? ` from ${d.fromAddress}` : ''}: keep the customer in service until the new connection works`.slice(0, 2000),
      requestId: d.requestId,
      installedProductId: d.installedProductId,
      nodeId: d.nodeId ?? null,
    },
    system(f.tenantId),
    at(f),
  );
}

/**
 * postsale.ReplacementInstallationEntered (R-PS-C2) → INSTALLATION of the new product at the new
 * address, reserving a port on the new node. The old product keeps service meanwhile; its retrieval
 * comes as WithdrawalEntered once this one is closed resolved.
 */
export async function openReplacementInstallation(deps: Deps, f: Fact, d: EventData<'postsale.ReplacementInstallationEntered'>) {
  await openWorkOrder(
    deps,
    {
      _id: idFromEvent('wo', f.id),
      tenantId: f.tenantId,
      customerId: d.customerId,
      type: 'INSTALLATION',
      address: [d.toAddress, d.neighbourhood].filter(Boolean).join(', ').slice(0, 300),
      notes:
        `Install plan ${d.planCode} (${d.technology}), relocation with technology change${d.fromAddress ? ` from ${d.fromAddress}` : ''}: the old service stays until this one works`.slice(
          0,
          2000,
        ),
      requestId: d.requestId,
      nodeId: d.nodeId,
    },
    system(f.tenantId),
    new Date(f.time),
  );
}

/** postsale.WithdrawalEntered → the product's open work orders closed first (R-PS-H4), then EQUIPMENT_RETRIEVAL when there is equipment to retrieve. */
export async function retrieveForWithdrawal(deps: Deps, f: Fact, d: EventData<'postsale.WithdrawalEntered'>) {
  const retrievalId = idFromEvent('wo', f.id);
  const now = at(f);
  for (const wo of await openWorkOrdersOf(deps, f.tenantId, d.installedProductId, retrievalId))
    await closeForWithdrawal(deps, system(f.tenantId), wo._id, d.requestId, now);
  // Nothing installed at the customer's (a waste-collection service): nothing to retrieve, no work order.
  if (!d.equipment.length) return;
  await openWorkOrder(
    deps,
    {
      _id: retrievalId,
      tenantId: f.tenantId,
      customerId: d.customerId,
      type: 'EQUIPMENT_RETRIEVAL',
      address: d.address,
      notes: `Retrieve: ${d.equipment.map((q) => q.code + (q.description ? ` (${q.description})` : '')).join(', ')}`.slice(0, 2000),
      requestId: d.requestId,
      installedProductId: d.installedProductId,
      equipmentToRetrieve: d.equipment.map((q) => q.code),
    },
    system(f.tenantId),
    now,
  );
}

/** customers.ServiceProblemReported (loyalty call) → a damage ticket as in §3 E (R-TS-E1 applies). */
export async function ticketFromLoyaltyCall(deps: Deps, f: Fact, d: EventData<'customers.ServiceProblemReported'>) {
  const entry = await findOneById(deps.directory.model, f.tenantId, d.customerId);
  if (!entry) throw new Error(`customer ${d.customerId} not in the directory yet`);
  // §3 J.5–6: the service the executive named routes the ticket (internet → the analyst's remote
  // diagnosis, line/TV → the coordinator); a call that names none is triaged by the coordinator. The
  // call has no phone or address: the address is the customer's product in service when known.
  const product = await deps.products.model
    .findOne({ tenantId: f.tenantId, customerId: d.customerId, status: { $ne: 'WITHDRAWN' } })
    .sort({ _id: 1 })
    .lean<{ address?: string }>();
  await registerTicket(
    deps,
    {
      tenantId: f.tenantId,
      customerId: d.customerId,
      installedProductId: null,
      source: 'LOYALTY_CALL',
      key: `problem:${d.problemId}`,
      service: d.service ?? 'UNSPECIFIED',
      cause: d.description.slice(0, 500),
      address: product?.address || 'To confirm with the customer (loyalty call)',
      referencePhone: null,
    },
    system(f.tenantId),
    at(f),
  );
}

/*
 * Our own facts that name a work order to open (a dispatched ticket, an accepted migration, a
 * scheduled visit): the act opened it right after its write, and these open it again from the
 * stored record (idempotent: deterministic id), so a crash between the two writes loses nothing.
 */
export async function ensureRepairWorkOrder(deps: Deps, f: Fact, d: EventData<'techsupport.DamageTicketChanged'>) {
  if (d.change !== 'DISPATCHED') return;
  const t = await findOneById(deps.tickets, f.tenantId, d.ticketId);
  if (t) await openRepairWorkOrder(deps, t, system(f.tenantId), at(f));
}

export async function ensureMigrationWorkOrder(deps: Deps, f: Fact, d: EventData<'techsupport.PreventiveReviewRecorded'>) {
  if (d.migration !== 'ACCEPTED') return;
  const r = await findOneById(deps.reviews, f.tenantId, d.reviewId);
  if (r) await openMigrationWorkOrder(deps, r, system(f.tenantId), at(f));
}

export async function ensureVisitWorkOrder(deps: Deps, f: Fact, d: EventData<'techsupport.SupportVisitChanged'>) {
  if (d.status !== 'SCHEDULED') return;
  const v = await findOneById(deps.visits, f.tenantId, d.visitId);
  if (v) await openVisitWorkOrder(deps, v, system(f.tenantId), at(f));
}

/** Our own WorkOrderClosed: the node's reserved port is consumed or released; a repaired ticket closes. */
export async function settleClosedWorkOrder(deps: Deps, f: Fact, d: EventData<'techsupport.WorkOrderClosed'>) {
  const wo = await findOneById(deps.workOrders, f.tenantId, d.workOrderId);
  if (!wo) return;
  if (wo.nodeId) await settle(deps, f.tenantId, wo.nodeId, wo._id, d.outcome === 'CLOSED_RESOLVED', system(f.tenantId));
  if (wo.ticketId) await closeTicketByWorkOrder(deps, system(f.tenantId), wo.ticketId, wo._id, d.outcome, new Date(d.closedAt));
}
