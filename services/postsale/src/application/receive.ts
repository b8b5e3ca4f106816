import {
  badInput,
  boundedText,
  type BusinessCalendar,
  businessNow,
  findOneById,
  localDay,
  localMonth,
  newId,
  notFound,
  type Principal,
  tenantCalendar,
  toMinorUnits,
  wrongState,
} from '@vinculo/common';
import type { PostSaleDeps } from './deps';
import type { InstalledProductDoc } from '../store/installed-product.model';
import type { PostSaleRequestDoc, RequestDetails } from '../store/request.model';
import { LOCKING_TYPES, PRODUCT_OPTIONAL, statusAfterChecklist, type RequestChannel, type RequestType } from '../domain/request';
import { checkRequirements, missingOf, requiredDocuments } from '../domain/requirements';
import { requirementsMissing } from '@vinculo/common';
import { assertDate } from '../domain/dates';
import { decidePlanChange, decideSupplementaryService, type SupplementaryService } from '../domain/product-changes';
import { relocationPlanCode, validateRelocation } from '../domain/relocation';
import { catalogPlanFor } from '../domain/product-changes';
import { planOn, statusOn } from '../domain/effective';
import { decideReconnection, decideSuspension } from '../domain/suspension';
import { priceCallDetail, type Carrier, type DeliveryChannel } from '../domain/call-detail';
import { chooseEquipmentSettlement, validateEquipment } from '../domain/withdrawal';
import { pqrDeadline, type PqrKind } from '../domain/pqr';
import { requestStatusEvent } from './events';
import { releaseProduct, takeProductHold } from './product-hold';
import { foldRequestKpi, kpiDeltasOfNew } from './kpi-months';
import { createNumbered } from '@vinculo/common';

type Opt<T> = T | null | undefined;

export interface ReceiveInput {
  type: RequestType;
  customerId: string;
  installedProductId?: Opt<string>;
  channel: RequestChannel;
  providedRequirements?: Opt<string[]>;
  /** The customer's uploaded files proving requirements brought with the request (issue #16). */
  requirementAttachments?: Opt<readonly { requirement: string; attachmentId: string }[]>;
  receivedAt?: Opt<Date>;
  assigneeId?: Opt<string>;
  qcExecutiveId?: Opt<string>;
  team?: Opt<string>;
  supplementaryService?: Opt<{ service: SupplementaryService; action: 'ENABLE' | 'DISABLE' }>;
  planChange?: Opt<{ planCode: string; monthlyFee?: Opt<string>; effectiveDate?: Opt<string> }>;
  relocation?: Opt<{
    toAddress: string;
    neighbourhood?: Opt<string>;
    latitude: number;
    longitude: number;
    technology?: Opt<string>;
    planCode?: Opt<string>;
    equipment?: Opt<{ code: string; description?: Opt<string>; value: string }[]>;
  }>;
  suspension?: Opt<{ startDate: string; endDate: string }>;
  reconnection?: Opt<{ date?: Opt<string> }>;
  callDetail?: Opt<{ months: string[]; carrier: string; deliveryChannel: string }>;
  withdrawal?: Opt<{ reason: string; equipment: { code: string; description?: Opt<string>; value: string }[]; equipmentSettlement?: Opt<string> }>;
  pqr?: Opt<{ kind: string; subject: string; description: string }>;
}

const DETAIL_FIELD: Record<RequestType, keyof ReceiveInput | null> = {
  SUPPLEMENTARY_SERVICE: 'supplementaryService',
  PLAN_CHANGE: 'planChange',
  RELOCATION: 'relocation',
  SUSPENSION: 'suspension',
  RECONNECTION: 'reconnection',
  CALL_DETAIL: 'callDetail',
  WITHDRAWAL: 'withdrawal',
  PQR: 'pqr',
};

/** Bounded text that keeps its line breaks: the kit's. */
const text = (value: string, field: string, min: number, max: number): string => boundedText(value, field, min, max, 'lines');

/** Validate the type's details against the product and the tenant's rules (nothing is written on failure). */
async function detailsFor(
  deps: PostSaleDeps,
  input: ReceiveInput,
  product: InstalledProductDoc | null,
  ctx: {
    tenantId: string;
    currency: string;
    today: string;
    month: string;
    receivedOn: string;
    callDetailFeeMinor: number;
    perYear: number;
    maxMonths: number;
    pqrDays: number;
    calendar: BusinessCalendar;
  },
): Promise<RequestDetails> {
  const field = DETAIL_FIELD[input.type];
  if (field && !input[field]) throw badInput(`${String(field)} is required for a ${input.type} request`, String(field));
  const p = product!;
  // Rules judge the product as it is in force today, not as the last change entered left it.
  const inForce = product ? { ...p, status: statusOn(p, ctx.today), ...planOn(p, ctx.today) } : p;
  switch (input.type) {
    case 'SUPPLEMENTARY_SERVICE': {
      const { service, action } = input.supplementaryService!;
      decideSupplementaryService(inForce, service, action);
      return { supplementaryService: { service, action } };
    }
    case 'PLAN_CHANGE': {
      const pc = input.planChange!;
      const typedFeeMinor = pc.monthlyFee != null ? toMinorUnits(pc.monthlyFee, ctx.currency) : null;
      const plan = await deps.catalog.planOf(ctx.tenantId, pc.planCode);
      const { planCode, direction, monthlyFeeMinor } = decidePlanChange({ ...inForce, currency: ctx.currency }, { planCode: pc.planCode, plan, typedFeeMinor });
      const effectiveDate = pc.effectiveDate ? assertDate(pc.effectiveDate, 'effectiveDate') : null;
      if (effectiveDate && effectiveDate < ctx.today) throw badInput('effectiveDate must not be in the past', 'effectiveDate');
      return { planChange: { fromPlanCode: inForce.planCode, planCode, monthlyFeeMinor, effectiveDate, direction } };
    }
    case 'RELOCATION': {
      const input_ = input.relocation!;
      const r = validateRelocation(input_, p);
      const code = relocationPlanCode(r, input_.planCode);
      // R-PS-C2: the new product's plan from the catalog, for the new technology; its equipment to retrieve at the old address.
      const plan = code ? catalogPlanFor(code, await deps.catalog.planOf(ctx.tenantId, code), { technology: r.technology, currency: ctx.currency }) : null;
      const equipment = validateEquipment(
        (input_.equipment ?? []).map((e) => ({ code: e.code, description: e.description ?? null, valueMinor: toMinorUnits(e.value, ctx.currency) })),
      );
      if (equipment.length && !r.technologyChange) throw badInput('equipment is retrieved on a relocation with technology change only', 'equipment');
      return {
        relocation: {
          fromAddress: p.installationAddress,
          ...r,
          nodeId: null,
          infeasibility: null,
          newInstalledProductId: null,
          ...(plan
            ? {
                newPlan: { planCode: plan.code, family: plan.family, speedMbps: plan.speedMbps, monthlyFeeMinor: plan.monthlyFeeMinor },
                equipment,
                settlement: null,
              }
            : {}),
        },
      };
    }
    case 'SUSPENSION': {
      const standing = await deps.standing.standingOf(ctx.tenantId, input.customerId);
      const dates = decideSuspension(p, input.suspension!, { today: ctx.today, standing, perYear: ctx.perYear, maxMonths: ctx.maxMonths });
      return { suspension: dates };
    }
    case 'RECONNECTION': {
      // Checked now (the product must be SUSPENDED); without a date it reconnects on the day it is entered.
      const given = input.reconnection?.date ?? null;
      decideReconnection(p, given, ctx.today);
      return { reconnection: { date: given, restoration: null, withinHours: null } };
    }
    case 'CALL_DETAIL': {
      const cd = input.callDetail!;
      const price = priceCallDetail(cd.months, cd.carrier as Carrier, ctx.month, ctx.callDetailFeeMinor);
      return {
        callDetail: {
          months: price.months,
          carrier: cd.carrier as Carrier,
          deliveryChannel: cd.deliveryChannel as DeliveryChannel,
          chargeableMonths: price.chargeableMonths,
          amountMinor: price.amountMinor,
        },
      };
    }
    case 'WITHDRAWAL': {
      const w = input.withdrawal!;
      const equipment = validateEquipment(
        w.equipment.map((e) => ({ code: e.code, description: e.description ?? null, valueMinor: toMinorUnits(e.value, ctx.currency) })),
      );
      const equipmentSettlement = chooseEquipmentSettlement(w.equipmentSettlement);
      return {
        withdrawal: {
          reason: text(w.reason, 'reason', 3, 500),
          equipment,
          equipmentSettlement,
          retention: null,
          penaltyMinor: null,
          penaltyAccepted: null,
          effectiveDate: null,
          finalBilling: null,
          settlement: null,
        },
      };
    }
    case 'PQR': {
      const q = input.pqr!;
      return {
        pqr: {
          kind: q.kind as PqrKind,
          subject: text(q.subject, 'subject', 3, 200),
          description: text(q.description, 'description', 3, 4000),
          deadline: pqrDeadline(ctx.receivedOn, ctx.pqrDays, ctx.calendar),
          answer: null,
          answeredOn: null,
        },
      };
    }
  }
}

/**
 * Receive a request and check its requirements. A request that changes a product first takes the
 * product's hold (one conditional write): of two concurrent requests on one product exactly one
 * gets it, the other is a CONFLICT naming the holder. The hold names the request's id: released if
 * the request cannot be stored, and abandoned (taken over by the next request) if the process dies
 * before storing it.
 */
export async function receiveRequest(deps: PostSaleDeps, principal: Principal, input: ReceiveInput): Promise<PostSaleRequestDoc> {
  const tenantId = principal.tenantId;
  const customer = await deps.directory.require(tenantId, input.customerId);
  // The files first: a requirement claimed without its file refuses whatever else the request says.
  const proved = await requirementsBroughtWithFiles(deps, tenantId, input);
  const tenant = await deps.tenantPolicy.policyFor(tenantId);
  const now = businessNow(tenantId);
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw badInput('receivedAt must not be in the future', 'receivedAt');
  const receivedOn = localDay(receivedAt, tenant.timeZone);

  let product: InstalledProductDoc | null = null;
  if (!PRODUCT_OPTIONAL.includes(input.type) || input.installedProductId) {
    if (!input.installedProductId) throw badInput(`installedProductId is required for a ${input.type} request`, 'installedProductId');
    product = await findOneById(deps.products, tenantId, input.installedProductId);
    if (!product) throw notFound('InstalledProduct', input.installedProductId);
    if (product.customerId !== input.customerId) throw badInput('the installed product belongs to another customer', 'installedProductId');
    if (product.status === 'WITHDRAWN' && !PRODUCT_OPTIONAL.includes(input.type))
      throw wrongState({
        entity: 'installed product',
        current: 'WITHDRAWN',
        act: `be the subject of a ${input.type} request`,
        allowedFrom: ['ACTIVE', 'SUSPENDED'],
      });
  }
  const details = await detailsFor(deps, input, product, {
    tenantId,
    currency: tenant.currency,
    today: localDay(businessNow(tenantId), tenant.timeZone),
    month: localMonth(receivedAt, tenant.timeZone),
    receivedOn,
    callDetailFeeMinor: tenant.policy.callDetailFeePerPreviousMonthMinor,
    perYear: tenant.policy.suspensionsPerProductPerYear,
    maxMonths: tenant.policy.maxSuspensionMonths,
    pqrDays: tenant.policy.pqrAnswerDeadlineBusinessDays,
    calendar: tenantCalendar(tenant),
  });
  const team = input.team ? text(input.team, 'team', 1, 60).toUpperCase() : 'POSTSALE';
  const checklist = checkRequirements(requiredDocuments(input.type, customer.kind, { carrier: input.callDetail?.carrier ?? null }), [...proved.keys()]).map(
    (c) => ({
      ...c,
      attachmentId: proved.get(c.requirement) ?? null,
    }),
  );
  const missing = missingOf(checklist);
  const status = statusAfterChecklist(missing);
  const id = newId('psr');

  const locks = product !== null && LOCKING_TYPES.includes(input.type);
  if (locks) await takeProductHold(deps, product!, { id, type: input.type }, now);
  const doc: Omit<PostSaleRequestDoc, 'version'> = {
    _id: id,
    tenantId,
    type: input.type,
    customerId: input.customerId,
    installedProductId: product?._id ?? null,
    channel: input.channel,
    status,
    resolution: null,
    requirements: checklist,
    team,
    assigneeId: input.assigneeId?.trim() || principal.userId,
    qcExecutiveId: input.qcExecutiveId?.trim() || customer.executiveId || null,
    receivedAt,
    receivedOn,
    month: receivedOn.slice(0, 7),
    readyAt: missing.length ? null : receivedAt,
    enteredAt: null,
    attendedAt: null,
    closedAt: null,
    currency: tenant.currency,
    feeMinor: 0,
    charges: [],
    workOrderId: null,
    workOrderOutcome: null,
    qcDueAt: null,
    qcOutcome: null,
    details,
    history: [{ from: null, to: status, by: principal.userId, at: now, note: missing.length ? `missing: ${missing.join(', ')}` : null }],
    outbox: [],
  };
  try {
    // The request's business number (PS-…) is assigned here, once; its events carry it.
    const created = await createNumbered(
      'PS',
      (number) =>
        deps.requests.create({
          ...doc,
          number,
          // R-PS-KPI: what the new request counts for in its month rides with it (application/kpi-months.ts).
          ...kpiDeltasOfNew({ ...doc, version: 0 }),
          outbox: [requestStatusEvent(principal, { ...doc, number }, null, status, { missingRequirements: missing }, now)],
        }),
      async () => true,
    );
    deps.published();
    const stored = created.toObject();
    await foldRequestKpi(deps.requests, stored);
    return stored;
  } catch (err) {
    if (locks) await releaseProduct(deps, tenantId, product!._id, id);
    throw err;
  }
}

/**
 * The requirements brought with the request, each proved by the customer's uploaded file (issue #16):
 * requirement → attachment id. A requirement named in providedRequirements without its file, or a file
 * that is unknown here, another customer's or not a REQUIREMENT refuses the request (FAILED_PRECONDITION
 * with what is missing and why each file does not count) before anything is written.
 */
async function requirementsBroughtWithFiles(deps: PostSaleDeps, tenantId: string, input: ReceiveInput): Promise<Map<string, string>> {
  const files = (input.requirementAttachments ?? []).map((a) => ({ document: a.requirement, attachmentId: a.attachmentId }));
  const { proved, refused } = await deps.attachments.proveDocuments(tenantId, input.customerId, files, ['REQUIREMENT']);
  const byRequirement = new Map(proved.map((p) => [p.document, p.attachmentId]));
  const unproved = [...new Set([...(input.providedRequirements ?? []).filter((r) => !byRequirement.has(r)), ...refused.map((r) => r.document)])];
  if (unproved.length || refused.length) throw requirementsMissing(unproved, refused);
  return byRequirement;
}
