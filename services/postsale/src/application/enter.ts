import { authorize, badInput, businessNow, type EventEnvelope, findOneById, localDay, newEnvelope, type Principal } from '@vinculo/common';
import { policy } from '../policy';
import type { PostSaleDeps } from './deps';
import type { InstalledProductDoc } from '../store/installed-product.model';
import type { PostSaleRequestDoc, RequestedChargeDoc } from '../store/request.model';
import { requireStatus, statusAfterEntry } from '../domain/request';
import { procedureFee } from '../domain/fees';
import { decidePlanChange, decideSupplementaryService } from '../domain/product-changes';
import { assertRelocationFeasible, relocationPlan } from '../domain/relocation';
import { decideReconnection, decideSuspension, reconnectionRestoration, suspensionsAfterReconnection } from '../domain/suspension';
import { planOn, statusOn } from '../domain/effective';
import { catalogPlanFor } from '../domain/product-changes';
import { assertPenaltyAccepted, assertRetentionTried, chooseEquipmentSettlement, earlyTerminationPenalty, finalBilling } from '../domain/withdrawal';
import type { Technology } from '@vinculo/common';
import { chargeRequestedEvent, productChangedEvent, subscriptionChangedEvent, type ChargeKind } from './events';
import { applyProductStep, change } from './product-steps';
import { NO_HOLD } from './product-hold';
import { withdrawProduct } from './work-orders';
import { closeRequest, loadRequest, moveRequest } from './lifecycle';

interface Entry {
  /** The product change applied on entry (versioned, keyed `<requestId>:enter`). */
  product?: { update: Record<string, unknown>; events: (p: InstalledProductDoc) => EventEnvelope[] };
  set: Record<string, unknown>;
  charges: RequestedChargeDoc[];
  events: EventEnvelope[];
  needsWorkOrder: boolean;
  note: string | null;
}

/** What the clerk decides when entering a withdrawal (both optional). */
export interface EntryChoices {
  /** R-PS-H2: the customer's answer to the early-termination penalty. */
  acceptPenalty?: boolean | null;
  /** R-PS-H4: how the equipment receivable will be billed; absent keeps the one chosen at reception. */
  equipmentSettlement?: string | null;
}

/**
 * The clerk enters a RECEIVED request (digitación): the type's rules are checked again against the
 * current state, the procedure's fee and the type's charges are requested, the product changes (or a
 * work order is requested through RelocationEntered / WithdrawalEntered) and the request moves on.
 * The product is written first (versioned, keyed by step), then the request: a retry after a crash in
 * between finds the step applied, skips the checks the changed product would now fail and completes
 * the request with the values decided the first time, without a second product change; two clerks
 * entering the same request at once → one wins, the other gets CONFLICT.
 */
export async function enterRequest(deps: PostSaleDeps, principal: Principal, requestId: string, choices: EntryChoices = {}): Promise<PostSaleRequestDoc> {
  authorize(policy, 'enterPostSaleRequest', principal);
  const tenantId = principal.tenantId;
  const { acceptPenalty, equipmentSettlement } = choices;
  const req = await loadRequest(deps, tenantId, requestId);
  if (equipmentSettlement != null && req.type !== 'WITHDRAWAL') throw badInput('equipmentSettlement is chosen on withdrawal requests', 'equipmentSettlement');
  requireStatus('enter the request', req.status, ['RECEIVED']);
  const tenant = await deps.tenantPolicy.policyFor(tenantId);
  const now = businessNow(tenantId);
  const today = localDay(now, tenant.timeZone);
  const product = req.installedProductId ? await findOneById(deps.products, tenantId, req.installedProductId) : null;
  const settings = await deps.settings.findOne({ _id: tenantId }).lean();
  const by = principal.userId;
  const entry: Entry = { set: {}, charges: [], events: [], needsWorkOrder: false, note: null };
  const charge = (kind: ChargeKind, amountMinor: number, description: string, step: string) => {
    if (amountMinor <= 0) return;
    const c = { chargeId: `${req._id}-${step}`, kind, amountMinor, description };
    entry.charges.push(c);
    entry.events.push(chargeRequestedEvent(principal, req, c));
  };
  const fee = procedureFee(req.type, settings?.feesMinor);
  charge('FEE', fee, `Procedure fee: ${req.type.toLowerCase().replace(/_/g, ' ')}`, 'fee');
  const d = req.details;
  const p = product!;
  // The product as it is in force today (status from its dated suspensions, plan from its dated plan changes).
  const inForce = product ? { ...p, status: statusOn(p, today), ...planOn(p, today) } : p;
  const step = `${req._id}:enter`;
  // The change this entry already made to the product, when this is a retry after a crash.
  const done = product?.applied.includes(step) ? (product.changes.find((c) => c.requestId === req._id) ?? null) : null;

  switch (req.type) {
    case 'SUPPLEMENTARY_SERVICE': {
      const { service, action } = d.supplementaryService!;
      const services = done ? p.supplementaryServices : decideSupplementaryService(inForce, service, action);
      entry.product = {
        update: { $set: { supplementaryServices: services }, $push: { changes: change({ kind: `SUPPLEMENTARY_${action}D`, from: null, to: service, effectiveDate: today, requestId: req._id, by, at: now }) } },
        events: (after) => [productChangedEvent(principal, after, action === 'ENABLE' ? 'SUPPLEMENTARY_ENABLED' : 'SUPPLEMENTARY_DISABLED', { from: null, to: service, effectiveDate: today, requestId: req._id })],
      };
      break;
    }
    case 'PLAN_CHANGE': {
      const pc = d.planChange!;
      // 002 B: plan and fee from the catalog as it is at entry (a price changed since reception applies).
      const decided = done ? { planCode: pc.planCode, monthlyFeeMinor: pc.monthlyFeeMinor, direction: pc.direction } : decidePlanChange({ ...inForce, currency: req.currency }, { planCode: pc.planCode, plan: await deps.catalog.planOf(tenantId, pc.planCode) });
      const effectiveDate = done?.effectiveDate ?? (pc.effectiveDate && pc.effectiveDate > today ? pc.effectiveDate : today);
      Object.assign(entry.set, { 'details.planChange.effectiveDate': effectiveDate, 'details.planChange.monthlyFeeMinor': decided.monthlyFeeMinor, 'details.planChange.direction': decided.direction });
      entry.product = {
        update: {
          $set: { planCode: decided.planCode, monthlyFeeMinor: decided.monthlyFeeMinor, ...NO_HOLD },
          $push: {
            changes: change({
              kind: 'PLAN_CHANGED', from: inForce.planCode, to: decided.planCode, effectiveDate, requestId: req._id, by, at: now, note: decided.direction,
              fromFeeMinor: inForce.monthlyFeeMinor, toFeeMinor: decided.monthlyFeeMinor,
            }),
          },
        },
        events: (after) => [subscriptionChangedEvent(principal, after, 'PLAN_CHANGED', effectiveDate)],
      };
      break;
    }
    case 'RELOCATION': {
      const r = d.relocation!;
      const feasibility = await deps.coverage.assess(tenantId, { location: r.location, technology: r.technology as Technology, speedMbps: r.newPlan?.speedMbps ?? p.speedMbps });
      if (!feasibility.feasible) {
        // R-PS-C1: the customer is told and the request closes; the clerk gets the rule.
        await closeRequest(deps, principal, req, 'CLOSED', 'NOT_FEASIBLE', { attendedAt: now, enteredAt: now, 'details.relocation.infeasibility': `${feasibility.reason}: ${feasibility.detail}` }, { note: `R-PS-C1 ${feasibility.reason}` });
      }
      const { nodeId } = assertRelocationFeasible(feasibility);
      entry.set['details.relocation.nodeId'] = nodeId;
      entry.needsWorkOrder = true;
      if (relocationPlan(r) === 'REPLACE_PRODUCT' && r.newPlan) {
        // R-PS-C2: the new product is installed first at the new address (INSTALLATION, port reserved on
        // the new node); the old one keeps the customer in service until then, and its equipment is
        // retrieved afterwards. The plan is checked again against the catalog as it is now.
        const plan = catalogPlanFor(r.newPlan.planCode, await deps.catalog.planOf(tenantId, r.newPlan.planCode), { technology: r.technology, currency: req.currency });
        entry.set['details.relocation.newPlan'] = { planCode: plan.code, family: plan.family, speedMbps: plan.speedMbps, monthlyFeeMinor: plan.monthlyFeeMinor };
        entry.events.push(
          newEnvelope('postsale', principal, {
            type: 'postsale.ReplacementInstallationEntered',
            subject: req._id,
            data: {
              requestId: req._id, installedProductId: p._id, customerId: req.customerId, fromAddress: p.installationAddress, toAddress: r.toAddress, neighbourhood: r.neighbourhood,
              planCode: plan.code, technology: r.technology, nodeId,
            },
          }),
        );
      } else if (relocationPlan(r) === 'RELOCATE') {
        entry.events.push(
          newEnvelope('postsale', principal, {
            type: 'postsale.RelocationEntered',
            subject: req._id,
            data: { requestId: req._id, installedProductId: p._id, customerId: req.customerId, fromAddress: p.installationAddress, toAddress: r.toAddress, neighbourhood: r.neighbourhood, technology: r.technology, location: r.location, nodeId },
          }),
        );
      } else {
        // R-PS-C2: the old product's equipment is retrieved; on closure it is retired and the new one entered.
        entry.events.push(
          newEnvelope('postsale', principal, {
            type: 'postsale.WithdrawalEntered',
            subject: req._id,
            data: { requestId: req._id, installedProductId: p._id, customerId: req.customerId, address: p.installationAddress, equipment: [] },
          }),
        );
      }
      break;
    }
    case 'SUSPENSION': {
      const s = done
        ? d.suspension!
        : decideSuspension(p, d.suspension!, {
            today,
            standing: await deps.standing.standingOf(tenantId, req.customerId),
            perYear: tenant.policy.suspensionsPerProductPerYear,
            maxMonths: tenant.policy.maxSuspensionMonths,
          });
      const suspension = { requestId: req._id, ...s };
      // `suspension` is the one in force or next; one already there (in force, or sooner) stays it.
      const kept = p.suspension && p.suspension.endDate >= today && p.suspension.startDate <= s.startDate ? p.suspension : suspension;
      entry.product = {
        update: {
          $set: { status: 'SUSPENDED', suspension: kept, ...NO_HOLD },
          $push: {
            suspensions: suspension,
            history: { from: p.status, to: 'SUSPENDED', by, at: now, note: `${s.startDate} to ${s.endDate}` },
            changes: change({ kind: 'SUSPENDED', from: p.status, to: 'SUSPENDED', effectiveDate: s.startDate, requestId: req._id, by, at: now, note: `until ${s.endDate}` }),
          },
        },
        // Billing from the start date at the plan in force that day (a plan change dated later is not yet).
        events: (after) => [subscriptionChangedEvent(principal, { ...after, ...planOn(after, s.startDate) }, 'SUSPENDED', s.startDate)],
      };
      break;
    }
    case 'RECONNECTION': {
      const decided = done ? null : decideReconnection(p, d.reconnection?.date ?? null, today);
      // Service comes back on the date given, or on the suspension's first day when it is cancelled before it starts.
      const date = done?.effectiveDate ?? (decided!.date < decided!.suspension.startDate ? decided!.suspension.startDate : decided!.date);
      const r = reconnectionRestoration(p.family, p.technology);
      entry.set['details.reconnection.date'] = date;
      entry.set['details.reconnection.restoration'] = r.restoration;
      entry.set['details.reconnection.withinHours'] = r.withinHours;
      entry.note = `R-PS-D4 ${r.restoration}; pending invoices are chased`;
      // A reconnection changes the end date: the suspension ends the day before service returns (or is
      // cancelled); until that date the product stays SUSPENDED, as statusOn reads it.
      const suspensions = decided ? suspensionsAfterReconnection(p.suspensions, decided.suspension, decided.date) : p.suspensions;
      entry.product = {
        update: {
          $set: { status: 'ACTIVE', suspension: null, suspensions, ...NO_HOLD },
          $push: {
            history: { from: p.status, to: 'ACTIVE', by, at: now, note: `reconnected (${r.restoration})` },
            changes: change({ kind: 'RECONNECTED', from: p.status, to: 'ACTIVE', effectiveDate: date, requestId: req._id, by, at: now, note: r.restoration }),
          },
        },
        events: (after) => [subscriptionChangedEvent(principal, { ...after, ...planOn(after, date) }, 'RECONNECTED', date)],
      };
      break;
    }
    case 'CALL_DETAIL': {
      const cd = d.callDetail!;
      charge('CALL_DETAIL', cd.amountMinor, `Outgoing-call detail ${cd.chargeableMonths.join(', ')} (R-PS-G1)`, 'calls');
      break;
    }
    case 'WITHDRAWAL': {
      const w = d.withdrawal!;
      assertRetentionTried(w.retention);
      const effectiveDate = req.receivedOn;
      const penalty = earlyTerminationPenalty(p.minimumPermanenceEnd, effectiveDate, p.monthlyFeeMinor);
      if (penalty > 0 && acceptPenalty === false) {
        return closeRequest(deps, principal, req, 'CLOSED', 'PENALTY_DECLINED', { attendedAt: now, enteredAt: now, 'details.withdrawal.penaltyMinor': penalty, 'details.withdrawal.penaltyAccepted': false }, { note: 'R-PS-H2 penalty declined: the request ends' });
      }
      assertPenaltyAccepted(penalty, acceptPenalty);
      const billing = finalBilling(p.family, p.monthlyFeeMinor, effectiveDate, tenant.policy.multiBasicTelephonyAmountMinor);
      // R-PS-H4: the settlement of the equipment receivable is fixed here, before the retrieval work order.
      const settlement = chooseEquipmentSettlement(equipmentSettlement, w.equipmentSettlement);
      entry.note = `R-PS-H4 equipment receivable: ${settlement}`;
      Object.assign(entry.set, {
        'details.withdrawal.equipmentSettlement': settlement,
        'details.withdrawal.penaltyMinor': penalty,
        'details.withdrawal.penaltyAccepted': penalty > 0 ? true : null,
        'details.withdrawal.effectiveDate': effectiveDate,
        'details.withdrawal.finalBilling': billing,
      });
      charge('PENALTY', penalty, `Early termination of ${p.planCode}: minimum permanence until ${p.minimumPermanenceEnd} (R-PS-H2)`, 'penalty');
      // Nothing installed at the customer's (e.g. waste collection): no retrieval work order to wait for,
      // the product is withdrawn now (WithdrawalEntered still closes its open work orders first).
      entry.needsWorkOrder = w.equipment.length > 0;
      if (!entry.needsWorkOrder) {
        await withdrawProduct(deps, { ...req, details: { ...d, withdrawal: { ...w, finalBilling: billing } } }, p, effectiveDate, w.reason, tenant.policy.multiBasicTelephonyAmountMinor, now);
        deps.published();
        entry.set['details.withdrawal.settlement'] = [];
      }
      entry.events.push(
        newEnvelope('postsale', principal, {
          type: 'postsale.WithdrawalEntered',
          subject: req._id,
          data: { requestId: req._id, installedProductId: p._id, customerId: req.customerId, address: p.installationAddress, equipment: w.equipment.map((e) => ({ code: e.code, ...(e.description ? { description: e.description } : {}) })) },
        }),
      );
      break;
    }
    case 'PQR':
      break;
  }

  if (entry.product && product) {
    // Events are built from the product as it will be after the change (plan and fee in force).
    const after = { ...product, ...(entry.product.update.$set as Partial<InstalledProductDoc>) };
    await applyProductStep(deps.products, product, step, entry.product.update, entry.product.events(after));
    deps.published();
  }
  const next = statusAfterEntry(req.type, entry.needsWorkOrder);
  const qcHours = tenant.policy.kpi.postSaleTimelinessHours;
  return moveRequest(
    deps,
    principal,
    req,
    next,
    {
      ...entry.set,
      enteredAt: now,
      attendedAt: now,
      feeMinor: fee,
      resolution: next === 'QC_PENDING' ? 'DONE' : null,
      ...(next === 'QC_PENDING' ? { qcDueAt: new Date(now.getTime() + qcHours * 3_600_000) } : {}),
    },
    { events: entry.events, note: entry.note, push: entry.charges.length ? { charges: { $each: entry.charges } } : {} },
  );
}

