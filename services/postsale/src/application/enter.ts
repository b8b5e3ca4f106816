import { badInput, businessNow, findOneById, localDay, type Principal } from '@vinculo/common';
import type { PostSaleDeps } from './deps';
import type { InstalledProductDoc } from '../store/installed-product.model';
import type { PostSaleRequestDoc } from '../store/request.model';
import { settingsOf } from '../store/settings.model';
import { requireStatus, statusAfterEntry, type RequestType } from '../domain/request';
import { procedureFee } from '../domain/fees';
import { planOn, statusOn } from '../domain/effective';
import { chargeRequestedEvent, type ChargeKind } from './events';
import { applyProductStep } from './product-steps';
import { loadRequest, moveRequest } from './lifecycle';
import type { Entry, EnterType } from './entry/context';
import { enterSupplementaryService } from './entry/supplementary-service';
import { enterPlanChange } from './entry/plan-change';
import { enterRelocation } from './entry/relocation';
import { enterSuspension } from './entry/suspension';
import { enterReconnection } from './entry/reconnection';
import { enterCallDetail } from './entry/call-detail';
import { enterWithdrawal } from './entry/withdrawal';

/** Each request type's entry (one small use case per type). */
const ENTER: Record<RequestType, EnterType> = {
  SUPPLEMENTARY_SERVICE: enterSupplementaryService,
  PLAN_CHANGE: enterPlanChange,
  RELOCATION: enterRelocation,
  SUSPENSION: enterSuspension,
  RECONNECTION: enterReconnection,
  CALL_DETAIL: enterCallDetail,
  WITHDRAWAL: enterWithdrawal,
  // A PQR is answered, not entered with a product change: its fee (if any) and the move on.
  PQR: () => undefined,
};

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
  const tenantId = principal.tenantId;
  const { acceptPenalty, equipmentSettlement } = choices;
  const req = await loadRequest(deps, tenantId, requestId);
  if (equipmentSettlement != null && req.type !== 'WITHDRAWAL') throw badInput('equipmentSettlement is chosen on withdrawal requests', 'equipmentSettlement');
  requireStatus('enter the request', req.status, ['RECEIVED']);
  const tenant = await deps.tenantPolicy.policyFor(tenantId);
  const now = businessNow(tenantId);
  const today = localDay(now, tenant.timeZone);
  const product = req.installedProductId ? await findOneById(deps.products, tenantId, req.installedProductId) : null;
  const settings = await settingsOf(deps.settings, tenantId);
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
  const p = product!;
  // The product as it is in force today (status from its dated suspensions, plan from its dated plan changes).
  const inForce = product ? { ...p, status: statusOn(p, today), ...planOn(p, today) } : p;
  const step = `${req._id}:enter`;
  // The change this entry already made to the product, when this is a retry after a crash.
  const done = product?.applied.includes(step) ? (product.changes.find((c) => c.requestId === req._id) ?? null) : null;
  const closed = await ENTER[req.type]({ deps, principal, req, p, inForce, done, today, now, tenant, by, acceptPenalty, equipmentSettlement, entry, charge });
  if (closed) return closed;

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
