import { type EventData, type EventEnvelope, type EventOf, findOneById, idFromEvent, insertOnce, localDay, newEnvelope } from '@vinculo/common';
import type { PostSaleDeps } from './deps';
import type { InstalledProductDoc } from '../store/installed-product.model';
import type { PostSaleRequestDoc } from '../store/request.model';
import { chooseEquipmentSettlement, equipmentCharges, settleEquipment, finalBilling } from '../domain/withdrawal';
import { serviceNumberFor } from '../domain/installed-product';
import { chargeRequestedEvent, productChangedEvent, productRegisteredEvent, productWithdrawnEvent, subscriptionChangedEvent, systemActor } from './events';
import { applyProductStep, change, remainingActiveProducts } from './product-steps';
import { freshServiceState, NO_HOLD } from './product-hold';
import { closeRequest, moveRequest } from './lifecycle';

/** techsupport.WorkOrderClosed (schemas/events). */
export type WorkOrderClosedData = EventData<'techsupport.WorkOrderClosed'>;

/**
 * Withdraw a product (R-PS-H3 final billing in SubscriptionChanged WITHDRAWN, then InstalledProductWithdrawn).
 * `more` are events written with the withdrawal (the old product's retrieval of an R-PS-C2 replacement),
 * so a step retried after a crash publishes them once.
 */
export async function withdrawProduct(
  deps: PostSaleDeps,
  req: PostSaleRequestDoc,
  product: InstalledProductDoc,
  effectiveDate: string,
  reason: string,
  multiBasicMinor: number,
  at: Date,
  opts: { prorated?: boolean; more?: EventEnvelope[] } = {},
) {
  const who = systemActor(req.tenantId);
  // A product replaced by another (R-PS-C2) is billed to the day it was replaced, whatever its family.
  const billing = opts.prorated
    ? { billing: 'PRORATED' as const, wholePartMinor: null }
    : (req.details.withdrawal?.finalBilling ?? finalBilling(product.family, product.monthlyFeeMinor, effectiveDate, multiBasicMinor));
  const remaining = await remainingActiveProducts(deps.products, req.tenantId, req.customerId, product._id);
  await applyProductStep(
    deps.products,
    product,
    `${req._id}:withdraw`,
    {
      $set: { status: 'WITHDRAWN', suspension: null, ...NO_HOLD },
      $push: {
        history: { from: product.status, to: 'WITHDRAWN', by: 'system', at, note: reason },
        changes: change({
          kind: 'WITHDRAWN',
          from: product.status,
          to: 'WITHDRAWN',
          effectiveDate,
          requestId: req._id,
          by: 'system',
          at,
          note: billing.billing,
        }),
      },
    },
    [
      subscriptionChangedEvent(who, product, 'WITHDRAWN', effectiveDate, { billing: billing.billing, wholePartMinor: billing.wholePartMinor }),
      productWithdrawnEvent(who, product, reason, remaining, at),
      ...(opts.more ?? []),
    ],
  );
}

/** postsale.EquipmentReturnChanged PENDING for the items that did not come back (customers marks EQUIPMENT_PENDING_RETURN). */
function equipmentPendingEvents(req: PostSaleRequestDoc, settlement: readonly { code: string; condition: string }[]): EventEnvelope[] {
  const missing = settlement.filter((s) => s.condition === 'MISSING').map((s) => s.code);
  if (!missing.length || !req.installedProductId) return [];
  return [
    newEnvelope('postsale', systemActor(req.tenantId), {
      type: 'postsale.EquipmentReturnChanged',
      subject: req._id,
      data: { requestId: req._id, customerId: req.customerId, installedProductId: req.installedProductId, change: 'PENDING', items: missing },
    }),
  ];
}

/**
 * techsupport.WorkOrderClosed for a post-sale request (requestId set): the relocation is done (new
 * address; or, R-PS-C2, the old product retired and the new one entered), the withdrawal completes
 * with the equipment checklist (R-PS-H4 receivables), and the quality-control call falls due. Only a
 * request IN_FIELD moves, and product steps are keyed by request: a redelivered event has one effect.
 */
export async function onWorkOrderClosed(deps: PostSaleDeps, e: EventEnvelope<WorkOrderClosedData>): Promise<void> {
  const { requestId, outcome, workOrderId } = e.data;
  if (!requestId) return;
  const req = await findOneById(deps.requests, e.tenantId, requestId);
  if (!req || req.status !== 'IN_FIELD' || !req.installedProductId) return;
  const product = await findOneById(deps.products, e.tenantId, req.installedProductId);
  if (!product) return;
  const tenant = await deps.tenantPolicy.policyFor(e.tenantId);
  const who = systemActor(e.tenantId);
  const at = new Date(e.data.closedAt);
  const today = localDay(at, tenant.timeZone);
  const woSet = { workOrderId, workOrderOutcome: outcome };
  const qcDue = { qcDueAt: new Date(at.getTime() + tenant.policy.kpi.postSaleTimelinessHours * 3_600_000), resolution: 'DONE' };
  const resolved = outcome === 'CLOSED_RESOLVED';

  if (req.type === 'RELOCATION') {
    const r = req.details.relocation!;
    if (r.newPlan) {
      await continueReplacement(deps, e, req, product, { at, today, woSet, qcDue, multiBasicMinor: tenant.policy.multiBasicTelephonyAmountMinor });
      return;
    }
    if (!resolved) {
      await closeRequest(deps, who, req, 'CLOSED', 'WORK_ORDER_UNRESOLVED', woSet, { note: `work order ${workOrderId} ${outcome}` });
      return;
    }
    if (!r.technologyChange) {
      await applyProductStep(
        deps.products,
        product,
        `${req._id}:relocated`,
        {
          $set: { installationAddress: r.toAddress, neighbourhood: r.neighbourhood, nodeId: r.nodeId, ...NO_HOLD },
          $push: {
            changes: change({
              kind: 'RELOCATED',
              from: product.installationAddress,
              to: r.toAddress,
              effectiveDate: today,
              requestId: req._id,
              by: 'system',
              at,
            }),
          },
        },
        [productChangedEvent(who, product, 'RELOCATED', { from: product.installationAddress, to: r.toAddress, effectiveDate: today, requestId: req._id })],
      );
      deps.published();
      await moveRequest(deps, who, req, 'QC_PENDING', { ...woSet, ...qcDue }, { note: `relocated by work order ${workOrderId}` });
      return;
    }
    // R-PS-C2 as entered before the new product was installed first (a request in the field from then):
    // retire the old product and enter the new one at the new address on the new technology.
    // The new product is entered first, so the old one's withdrawal never counts the customer as left without products.
    const fresh = replacementProduct(who, req, product, r, null, today, at);
    await insertOnce(deps.products, fresh);
    await withdrawProduct(deps, req, product, today, 'Relocation with technology change (R-PS-C2)', tenant.policy.multiBasicTelephonyAmountMinor, at);
    deps.published();
    await moveRequest(
      deps,
      who,
      req,
      'QC_PENDING',
      { ...woSet, ...qcDue, 'details.relocation.newInstalledProductId': fresh._id },
      { note: `replaced by ${fresh._id}` },
    );
    return;
  }

  if (req.type === 'WITHDRAWAL') {
    const w = req.details.withdrawal!;
    // R-PS-H4: whatever the outcome, the service ends; what did not come back in good order is charged.
    const settlement = settleEquipment(w.equipment, e.data.equipmentReturned ?? []);
    await withdrawProduct(deps, req, product, w.effectiveDate ?? req.receivedOn, w.reason, tenant.policy.multiBasicTelephonyAmountMinor, at);
    deps.published();
    // Step 13: the economic claim on the month's invoice, or one receivable invoice, as the clerk chose.
    const mode = chooseEquipmentSettlement(null, w.equipmentSettlement);
    const charges = equipmentCharges(req._id, settlement, mode, req.currency);
    await moveRequest(
      deps,
      who,
      req,
      'QC_PENDING',
      { ...woSet, ...qcDue, 'details.withdrawal.settlement': settlement },
      {
        note: `equipment: ${settlement.map((s) => `${s.code} ${s.condition}`).join(', ') || 'none'}${charges.length ? `; receivable ${mode}` : ''}`,
        events: [...charges.map((c) => chargeRequestedEvent(who, req, c)), ...equipmentPendingEvents(req, settlement)],
        push: charges.length ? { charges: { $each: charges } } : {},
      },
    );
  }
}

/** techsupport.WorkOrderCreated for a post-sale request: the request in the field shows its work order (follow-up). */
export async function onWorkOrderCreated(deps: PostSaleDeps, e: EventOf<'techsupport.WorkOrderCreated'>): Promise<void> {
  const { requestId, workOrderId } = e.data;
  if (!requestId) return;
  // Not a status change: only the link, set once (a redelivery matches nothing).
  await deps.requests.updateOne({ _id: requestId, tenantId: e.tenantId, status: 'IN_FIELD', workOrderId: null }, { $set: { workOrderId } });
}

/**
 * R-PS-C2, coordinated so the customer keeps service: (1) the INSTALLATION work order at the new
 * address closes — resolved: the new product starts (ACTIVE, billed from that day, on the catalog
 * plan) and only then is the old one withdrawn (billed to that day), its equipment retrieval at the
 * old address requested with the withdrawal (WithdrawalEntered); unresolved: the request closes and
 * the old product stays in service. (2) the EQUIPMENT_RETRIEVAL closes: the checklist is settled as
 * in a withdrawal (R-PS-H4) and the quality-control call falls due. Steps are keyed by request.
 */
async function continueReplacement(
  deps: PostSaleDeps,
  e: EventEnvelope<WorkOrderClosedData>,
  req: PostSaleRequestDoc,
  product: InstalledProductDoc,
  c: { at: Date; today: string; woSet: Record<string, unknown>; qcDue: Record<string, unknown>; multiBasicMinor: number },
): Promise<void> {
  const r = req.details.relocation!;
  const who = systemActor(req.tenantId);
  const { workOrderId, outcome } = e.data;
  const installed = r.newInstalledProductId !== null;
  if (!installed) {
    if (e.data.type !== 'INSTALLATION') return;
    if (outcome !== 'CLOSED_RESOLVED') {
      await closeRequest(deps, who, req, 'CLOSED', 'WORK_ORDER_UNRESOLVED', c.woSet, {
        note: `installation ${workOrderId} ${outcome}: the customer keeps ${product._id}`,
      });
      return;
    }
    const fresh = replacementProduct(who, req, product, r, r.newPlan!, c.today, c.at);
    const newId = fresh._id;
    await insertOnce(deps.products, fresh);
    const equipment = r.equipment ?? [];
    const retrieval = equipment.length
      ? [
          newEnvelope('postsale', who, {
            type: 'postsale.WithdrawalEntered',
            subject: req._id,
            data: {
              requestId: req._id,
              installedProductId: product._id,
              customerId: req.customerId,
              address: product.installationAddress,
              equipment: equipment.map((q) => ({ code: q.code, ...(q.description ? { description: q.description } : {}) })),
            },
          }),
        ]
      : [];
    await withdrawProduct(deps, req, product, c.today, `Replaced by ${newId} at ${r.toAddress} (R-PS-C2)`, c.multiBasicMinor, c.at, {
      prorated: true,
      more: retrieval,
    });
    deps.published();
    const set = { ...c.woSet, 'details.relocation.newInstalledProductId': newId };
    if (equipment.length) {
      await moveRequest(deps, who, req, 'IN_FIELD', set, {
        note: `installed by ${workOrderId} as ${newId}; equipment retrieval at ${product.installationAddress}`,
      });
    } else {
      await moveRequest(deps, who, req, 'QC_PENDING', { ...set, ...c.qcDue }, { note: `installed by ${workOrderId} as ${newId}` });
    }
    return;
  }
  if (e.data.type !== 'EQUIPMENT_RETRIEVAL') return;
  // R-PS-H4 as in a withdrawal: whatever did not come back in good order is charged on the next invoice.
  const settlement = settleEquipment(r.equipment ?? [], e.data.equipmentReturned ?? []);
  const charges = equipmentCharges(req._id, settlement, 'NEXT_INVOICE', req.currency);
  await moveRequest(
    deps,
    who,
    req,
    'QC_PENDING',
    { workOrderOutcome: outcome, ...c.qcDue, 'details.relocation.settlement': settlement },
    {
      note: `equipment retrieved by ${workOrderId}: ${settlement.map((s) => `${s.code} ${s.condition}`).join(', ')}`,
      events: [...charges.map((ch) => chargeRequestedEvent(who, req, ch)), ...equipmentPendingEvents(req, settlement)],
      push: charges.length ? { charges: { $each: charges } } : {},
    },
  );
}

/**
 * R-PS-C2: the new product of a relocation with a technology change, at the new address on the new
 * node, ACTIVE from `today` (its registration and activation events in its outbox). `plan`: the
 * catalog plan of the new technology; null for a request entered before plans were taken from the
 * catalog (the old plan is kept). The id is derived from the request, so a redelivery inserts nothing.
 */
function replacementProduct(
  who: Parameters<typeof productRegisteredEvent>[0],
  req: { _id: string; tenantId: string },
  product: InstalledProductDoc,
  r: {
    technology: InstalledProductDoc['technology'];
    nodeId: InstalledProductDoc['nodeId'];
    toAddress: string;
    neighbourhood: InstalledProductDoc['neighbourhood'];
  },
  plan: { planCode: string; monthlyFeeMinor: number; speedMbps?: number | null } | null,
  today: string,
  at: Date,
): Omit<InstalledProductDoc, 'version'> {
  const newId = idFromEvent('inp', `${req.tenantId}:${req._id}:relocated`);
  const { version: _version, outbox: _outbox, ...base } = product;
  const fresh: Omit<InstalledProductDoc, 'version'> = {
    ...base,
    _id: newId,
    ...(plan ? { planCode: plan.planCode, monthlyFeeMinor: plan.monthlyFeeMinor, speedMbps: plan.speedMbps ?? base.speedMbps } : {}),
    technology: r.technology,
    nodeId: r.nodeId,
    installationAddress: r.toAddress,
    neighbourhood: r.neighbourhood,
    serviceNumber: serviceNumberFor(newId),
    ...freshServiceState(),
    installationDate: today,
    installedAt: at,
    registeredBy: 'system',
    history: [{ from: null, to: 'ACTIVE', by: 'system', at, note: `replaces ${product._id} (R-PS-C2)` }],
    changes: [
      change({ kind: 'ACTIVATED', from: null, to: 'ACTIVE', effectiveDate: today, requestId: req._id, by: 'system', at, note: `replaces ${product._id}` }),
    ],
    outbox: [],
  };
  fresh.outbox = [productRegisteredEvent(who, fresh), subscriptionChangedEvent(who, fresh, 'ACTIVATED', today)];
  return fresh;
}
