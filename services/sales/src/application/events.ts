import { newEnvelope, type EventEnvelope, type Principal, SYSTEM_ACTOR, type StatusChangeDoc } from '@vinculo/common';
import type { PlanDoc } from '../store/catalog.model';
import type { SaleProjectDoc } from '../store/sale-project.model';
import type { SalesOrderDoc } from '../store/sales-order.model';
import type { DigitalSaleDoc } from '../store/digital-sale.model';
import type { SaleProjectState } from '../domain/sale-project';
import type { SalesOrderState } from '../domain/sales-order';
import type { DigitalSaleState } from '../domain/digital-sale';
import { activationItems } from '../domain/sales-order';

const SOURCE = 'sales';
/**
 * Who acts in a use case: a person (the principal, or the person an event of ours names, finishing
 * their act), or the system acting on a consumed event. Event envelopes record it as their actor.
 */
export type Actor = Pick<Principal, 'tenantId' | 'userId' | 'roles'> | { tenantId: string; actor: typeof SYSTEM_ACTOR };

/** The user id an actor leaves in histories ("system" for the system). */
export const actorId = (who: Actor): string => ('actor' in who ? who.actor.userId : who.userId);

/** The system acting on a consumed event of the tenant. */
export const systemActor = (tenantId: string): Actor => ({ tenantId, actor: SYSTEM_ACTOR });

/** The history entries a change added (each is one state change, so one integration event). */
const added = (before: { history: StatusChangeDoc[] }, after: { history: StatusChangeDoc[] }) => after.history.slice(before.history.length);

/** sales.SaleProjectChanged for every status change of a project: the customer's timeline sees each step. */
export function projectEvents(doc: SaleProjectDoc, after: SaleProjectState, who: Actor, now: Date): EventEnvelope[] {
  return added(doc, after).map((h) => {
    const offer = after.offers.at(-1);
    return newEnvelope(
      SOURCE,
      who,
      {
        type: 'sales.SaleProjectChanged',
        subject: doc._id,
        data: {
          projectId: doc._id,
          customerId: doc.customerId,
          executiveId: doc.executiveId,
          kind: doc.kind,
          from: h.from ?? null,
          to: h.to,
          note: h.note ?? null,
          ...(h.to === 'OFFERED' && offer
            ? { monthlyTotal: offer.totals.monthlyTotalMinor, installationTotal: offer.totals.installationTotalMinor, currency: doc.currency }
            : {}),
          orderId: after.orderId,
        },
      },
      now,
    );
  });
}

/**
 * The events of a sales order's changes: PLACED → sales.SalesOrderPlaced (techsupport opens the
 * installation), COMPLETED → sales.SalesOrderActivated (postsale subscriptions, collections billing),
 * any other → sales.SalesOrderStatusChanged.
 */
export function orderEvents(doc: SalesOrderDoc, after: SalesOrderState, who: Actor, now: Date): EventEnvelope[] {
  return added(doc, after).map((h) => {
    // orderNumber (optional, issue #15): the business number customer-facing texts name.
    const base = { orderId: doc._id, customerId: doc.customerId, ...(doc.number ? { orderNumber: doc.number } : {}) };
    if (h.to === 'PLACED') {
      return newEnvelope(SOURCE, who, { type: 'sales.SalesOrderPlaced', subject: doc._id, data: placedData(doc, after) }, now);
    }
    if (h.to === 'COMPLETED') {
      return newEnvelope(
        SOURCE,
        who,
        {
          type: 'sales.SalesOrderActivated',
          subject: doc._id,
          data: {
            ...base,
            planCode: doc.planCode,
            activatedAt: now.toISOString(),
            installationAddress: after.installationAddress,
            ...(doc.technology ? { technology: doc.technology } : {}),
            nodeId: doc.nodeId,
            currency: after.currency,
            ...(after.acceptedLines.length ? { items: activationItems(doc._id, after.acceptedLines, after.serviceNumber) } : {}),
          },
        },
        now,
      );
    }
    const differences = h.to === 'RETURNED' ? (after.entryChecks.at(-1)?.differences ?? []) : undefined;
    return newEnvelope(
      SOURCE,
      who,
      {
        type: 'sales.SalesOrderStatusChanged',
        subject: doc._id,
        data: { ...base, from: h.from ?? null, to: h.to, note: h.note ?? null, ...(differences ? { differences } : {}) },
      },
      now,
    );
  });
}

/** sales.SalesOrderPlaced's data: the order, where to install it and on which node (R-SAL-2 / R-DIG-2). */
export function placedData(
  doc: Pick<SalesOrderDoc, '_id' | 'number' | 'customerId' | 'planCode' | 'technology' | 'location' | 'nodeId'>,
  state: Pick<SalesOrderState, 'installationAddress' | 'acceptedLines'>,
) {
  return {
    orderId: doc._id,
    ...(doc.number ? { orderNumber: doc.number } : {}),
    customerId: doc.customerId,
    planCode: doc.planCode,
    installationAddress: state.installationAddress,
    ...(doc.technology ? { technology: doc.technology } : {}),
    ...(doc.location ? { location: doc.location } : {}),
    nodeId: doc.nodeId,
    ...(state.acceptedLines.length ? { items: state.acceptedLines.map((l) => ({ planCode: l.planCode, family: l.family })) } : {}),
  };
}

/** sales.DigitalSaleRequestChanged for each change once the customer is known (before that no timeline owns it). */
export function digitalEvents(doc: DigitalSaleDoc, after: DigitalSaleState, who: Actor, now: Date): EventEnvelope[] {
  const customerId = after.customerId;
  if (!customerId) return [];
  return added(doc, after).map((h) =>
    newEnvelope(
      SOURCE,
      who,
      {
        type: 'sales.DigitalSaleRequestChanged',
        subject: doc._id,
        data: {
          requestId: doc._id,
          customerId,
          channel: doc.channel,
          from: h.from ?? null,
          to: h.to,
          note: h.note ?? null,
          orderId: after.orderId,
          // What the customer was told: the ETA with the order, the reason with a refusal (the timeline shows both).
          ...(h.to === 'ORDER_ENTERED' && after.eta ? { eta: after.eta } : {}),
          ...(h.to === 'NOT_FEASIBLE' && after.notFeasibleReason ? { reason: after.notFeasibleReason } : {}),
        },
      },
      now,
    ),
  );
}

/** sales.SalesOrderPlaced of a direct order (placed as it is created). */
export const orderPlacedEvent = (who: Actor, doc: Parameters<typeof placedData>[0], state: Parameters<typeof placedData>[1]): EventEnvelope =>
  newEnvelope(SOURCE, who, { type: 'sales.SalesOrderPlaced', subject: doc._id, data: placedData(doc, state) });

/**
 * sales.PlanChanged: the plan as it is after the change, for the catalog read models of other
 * subgraphs (postsale takes plan changes and relocations' new plans from it). planVersion is the
 * document's version after the write, so a consumer keeps the newest.
 */
export const planChanged = (who: Actor, p: Omit<PlanDoc, 'outbox' | 'priceHistory' | '_id' | 'tenantId'>, planVersion: number): EventEnvelope =>
  newEnvelope(SOURCE, who, {
    type: 'sales.PlanChanged',
    subject: p.code,
    data: {
      code: p.code,
      name: p.name,
      family: p.family,
      technology: p.technology ?? null,
      speedMbps: p.speedMbps ?? null,
      monthlyFeeMinor: p.monthlyFeeMinor,
      minimumPermanenceMonths: p.minimumPermanenceMonths ?? 0,
      currency: p.currency,
      active: p.active,
      planVersion,
    },
  });
