import {
  badInput,
  businessNow,
  conflict,
  type EventEnvelope,
  findOneById,
  localDay,
  newEnvelope,
  notFound,
  type Principal,
  runCommand,
  wrongState,
} from '@vinculo/common';
import type { PostSaleDeps } from './deps';
import type { PostSaleRequestDoc } from '../store/request.model';
import { requireStatus, resolutionAfterQc, type RequestStatus, type Resolution } from '../domain/request';
import { checkRequirements, provedRequirements, missingOf } from '../domain/requirements';
import { actorId, requestStatusEvent, type Actor } from './events';
import { releaseProduct } from './product-hold';
import { foldRequestKpi, kpiChangeOf } from './kpi-months';
import { annotateEquipment, returnMissingEquipment } from '../domain/withdrawal';

export async function loadRequest(deps: PostSaleDeps, tenantId: string, id: string): Promise<PostSaleRequestDoc> {
  const req = await findOneById(deps.requests, tenantId, id);
  if (!req) throw notFound('PostSaleRequest', id);
  return req;
}

/** Move a request to `to` with its status event (and any other events) in one versioned write. */
export async function moveRequest(
  deps: PostSaleDeps,
  who: Actor,
  req: PostSaleRequestDoc,
  to: RequestStatus,
  set: Record<string, unknown>,
  opts: { resolution?: Resolution | null; note?: string | null; missing?: string[]; events?: EventEnvelope[]; push?: Record<string, unknown> } = {},
): Promise<PostSaleRequestDoc> {
  const now = businessNow(req.tenantId);
  const events = [
    requestStatusEvent(
      who,
      req,
      req.status,
      to,
      { resolution: opts.resolution ?? null, note: opts.note ?? null, ...(opts.missing ? { missingRequirements: opts.missing } : {}) },
      now,
    ),
    ...(opts.events ?? []),
  ];
  // Decided on `req` as loaded: the write applies to that version only (moved on → CONFLICT).
  const { doc } = await runCommand({
    model: deps.requests,
    what: 'PostSaleRequest',
    tenantId: req.tenantId,
    id: req._id,
    concurrency: { expectedVersion: req.version },
    published: deps.published,
    decide: (current) => {
      const $set = { status: to, ...(opts.resolution !== undefined ? { resolution: opts.resolution } : {}), ...set };
      // R-PS-KPI: the change to the month's counts rides in the same write (application/kpi-months.ts).
      const kpi = kpiChangeOf(current, $set);
      return {
        update: {
          $set,
          $push: { history: { from: req.status, to, by: actorId(who), at: now, note: opts.note ?? null }, ...(opts.push ?? {}), ...(kpi.$push ?? {}) },
          ...(kpi.$addToSet ? { $addToSet: kpi.$addToSet } : {}),
        },
        events,
      };
    },
  });
  await foldRequestKpi(deps.requests, doc);
  return doc;
}

/** Close a request (any closing path): the product it held is released. */
export async function closeRequest(
  deps: PostSaleDeps,
  who: Actor,
  req: PostSaleRequestDoc,
  to: 'CLOSED' | 'CLOSED_INCOMPLETE',
  resolution: Resolution,
  set: Record<string, unknown>,
  opts: { note?: string | null; events?: EventEnvelope[]; push?: Record<string, unknown> } = {},
): Promise<PostSaleRequestDoc> {
  const closed = await moveRequest(deps, who, req, to, { closedAt: businessNow(req.tenantId), ...set }, { ...opts, resolution });
  await releaseProduct(deps, req.tenantId, req.installedProductId, req._id);
  return closed;
}

/**
 * The customer brought documents: the checklist is updated; complete → RECEIVED and the KPI clock
 * starts. A requirement counts as received only when its file exists: each one comes with the id of
 * the customer's uploaded attachment (known here from customers.AttachmentStored), nothing is changed
 * when one is missing, unknown or another customer's.
 */
export async function provideRequirements(
  deps: PostSaleDeps,
  principal: Principal,
  requestId: string,
  provided: readonly string[],
  attachments: readonly { requirement: string; attachmentId: string }[] = [],
): Promise<PostSaleRequestDoc> {
  const { proved, unproved } = provedRequirements(provided, attachments);
  if (unproved.length) {
    throw badInput(
      `a requirement counts only with its file: upload ${unproved.join(', ')} (POST /attachments, kind REQUIREMENT) and pass it in attachments`,
      'attachments',
    );
  }
  const req = await loadRequest(deps, principal.tenantId, requestId);
  requireStatus('provide requirements', req.status, ['WAITING_CUSTOMER']);
  await deps.attachments.requireOfCustomer(principal.tenantId, req.customerId, [...proved.values()]);
  const had = req.requirements.filter((c) => c.provided).map((c) => c.requirement as string);
  const checklist = checkRequirements(
    req.requirements.map((c) => c.requirement),
    [...had, ...proved.keys()],
  ).map((c) => ({
    ...c,
    attachmentId: proved.get(c.requirement) ?? req.requirements.find((r) => r.requirement === c.requirement)?.attachmentId ?? null,
  }));
  const missing = missingOf(checklist);
  if (missing.length === req.requirements.filter((c) => !c.provided).length) throw badInput('none of the missing requirements was provided', 'provided');
  const now = businessNow(req.tenantId);
  if (missing.length) {
    // Still incomplete: the checklist changes, the status does not.
    return moveRequest(deps, principal, req, 'WAITING_CUSTOMER', { requirements: checklist }, { missing, note: `still missing: ${missing.join(', ')}` });
  }
  return moveRequest(deps, principal, req, 'RECEIVED', { requirements: checklist, readyAt: now }, { missing: [] });
}

/** The requirements never came: CLOSED_INCOMPLETE; the status event is the customer's interaction. */
export async function closeIncomplete(deps: PostSaleDeps, principal: Principal, requestId: string, note: string): Promise<PostSaleRequestDoc> {
  const text = note.trim();
  if (text.length < 3 || text.length > 2000) throw badInput('note must have 3 to 2000 characters', 'note');
  const req = await loadRequest(deps, principal.tenantId, requestId);
  requireStatus('close as incomplete', req.status, ['WAITING_CUSTOMER']);
  return closeRequest(deps, principal, req, 'CLOSED_INCOMPLETE', 'INCOMPLETE', {}, { note: text });
}

/**
 * Close a request before entry with the reason told to the customer (the status event is the
 * interaction). Without it a request that can no longer be entered would hold its product forever.
 */
export async function cancelRequest(deps: PostSaleDeps, principal: Principal, requestId: string, reason: string): Promise<PostSaleRequestDoc> {
  const text = reason.trim();
  if (text.length < 3 || text.length > 2000) throw badInput('reason must have 3 to 2000 characters', 'reason');
  const req = await loadRequest(deps, principal.tenantId, requestId);
  requireStatus('cancel the request', req.status, ['RECEIVED', 'WAITING_CUSTOMER']);
  return closeRequest(deps, principal, req, 'CLOSED', 'CANCELLED', {}, { note: text });
}

/** R-PS-H1: the retention offer; accepted → the request closes RETAINED (attended), declined → the withdrawal may be entered. */
export async function recordRetentionOffer(
  deps: PostSaleDeps,
  principal: Principal,
  requestId: string,
  offer: string,
  accepted: boolean,
): Promise<PostSaleRequestDoc> {
  const text = offer.trim();
  if (text.length < 3 || text.length > 500) throw badInput('offer must have 3 to 500 characters', 'offer');
  const req = await loadRequest(deps, principal.tenantId, requestId);
  if (req.type !== 'WITHDRAWAL') throw badInput('retention is offered on withdrawal requests', 'requestId');
  requireStatus('record a retention offer', req.status, ['RECEIVED', 'WAITING_CUSTOMER']);
  if (req.details.withdrawal?.retention) throw conflict('A retention offer was already recorded on this request', { currentStatus: req.status });
  const retention = { offer: text, accepted };
  const now = businessNow(req.tenantId);
  if (accepted) {
    return closeRequest(
      deps,
      principal,
      req,
      'CLOSED',
      'RETAINED',
      { 'details.withdrawal.retention': retention, attendedAt: now, readyAt: req.readyAt ?? now },
      { note: `retained: ${text}` },
    );
  }
  return moveRequest(deps, principal, req, req.status, { 'details.withdrawal.retention': retention }, { note: `retention declined: ${text}` });
}

/**
 * Seed 002 step 12.2: after the retrieval work order closed, the clerk explains for the warehouse why
 * each missing or damaged item did not come back in good order. The request keeps its status (QC
 * pending, or already closed); the notes are in its history and its status event.
 */
export async function recordWithdrawalEquipmentNotes(
  deps: PostSaleDeps,
  principal: Principal,
  requestId: string,
  notes: { code: string; note: string }[],
): Promise<PostSaleRequestDoc> {
  const req = await loadRequest(deps, principal.tenantId, requestId);
  if (req.type !== 'WITHDRAWAL') throw badInput('equipment notes are recorded on withdrawal requests', 'requestId');
  requireStatus('record equipment notes', req.status, ['QC_PENDING', 'CLOSED']);
  const settlement = req.details.withdrawal?.settlement;
  if (!settlement)
    throw wrongState({
      entity: 'post-sale request',
      current: req.status,
      act: 'record equipment notes',
      allowedFrom: [],
      reason: `no equipment was retrieved for it (${req.resolution ?? 'no resolution'})`,
    });
  const annotated = annotateEquipment(settlement, notes);
  const codes = new Set(notes.map((n) => n.code.trim().toUpperCase()));
  const noted = annotated.filter((s) => codes.has(s.code));
  return moveRequest(
    deps,
    principal,
    req,
    req.status,
    { 'details.withdrawal.settlement': annotated },
    {
      note: `warehouse: ${noted.map((s) => `${s.code} ${s.condition}: ${s.note}`).join('; ')}`.slice(0, 2000),
    },
  );
}

/**
 * The customer brought back to an office equipment the retrieval found MISSING (a withdrawal, or the
 * old product of an R-PS-C2 relocation). The lines record the day; once nothing is missing any more
 * postsale.EquipmentReturnChanged RETURNED lets customers clear the EQUIPMENT_PENDING_RETURN impediment
 * this request marked. The receivable already requested stays with collections (credited by a billing
 * claim, §3 F). The request keeps its status.
 */
export async function recordEquipmentReturned(deps: PostSaleDeps, principal: Principal, requestId: string, codes: string[]): Promise<PostSaleRequestDoc> {
  const req = await loadRequest(deps, principal.tenantId, requestId);
  if (req.type !== 'WITHDRAWAL' && req.type !== 'RELOCATION') throw badInput('equipment is returned on withdrawal and relocation requests', 'requestId');
  requireStatus('record returned equipment', req.status, ['QC_PENDING', 'CLOSED']);
  const path = req.type === 'WITHDRAWAL' ? 'details.withdrawal.settlement' : 'details.relocation.settlement';
  const settlement = req.type === 'WITHDRAWAL' ? req.details.withdrawal?.settlement : req.details.relocation?.settlement;
  if (!settlement)
    throw wrongState({
      entity: 'post-sale request',
      current: req.status,
      act: 'record returned equipment',
      allowedFrom: [],
      reason: 'no equipment was retrieved for it',
    });
  const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const decided = returnMissingEquipment(settlement, codes, localDay(businessNow(principal.tenantId), timeZone));
  const returned = [...new Set(codes.map((c) => c.trim().toUpperCase()))];
  const events =
    decided.allBack && req.installedProductId
      ? [
          newEnvelope('postsale', principal, {
            type: 'postsale.EquipmentReturnChanged',
            subject: req._id,
            data: { requestId: req._id, customerId: req.customerId, installedProductId: req.installedProductId, change: 'RETURNED', items: decided.missing },
          }),
        ]
      : [];
  return moveRequest(
    deps,
    principal,
    req,
    req.status,
    { [path]: decided.settlement },
    {
      note: `returned at an office: ${returned.join(', ')}${decided.allBack ? '; nothing missing any more' : ''}`,
      events,
    },
  );
}

/** The executive's quality-control call closes the request. */
export async function recordQualityControlCall(
  deps: PostSaleDeps,
  principal: Principal,
  requestId: string,
  outcome: 'OK' | 'NOT_OK',
  note: string | null,
): Promise<PostSaleRequestDoc> {
  const req = await loadRequest(deps, principal.tenantId, requestId);
  requireStatus('record the quality-control call', req.status, ['QC_PENDING']);
  return closeRequest(
    deps,
    principal,
    req,
    'CLOSED',
    resolutionAfterQc(outcome, req.resolution),
    { qcOutcome: outcome },
    { note: note?.trim() || `quality control ${outcome}` },
  );
}

/** Answer a PQR: the SLA clock stops on the local day of the answer. */
export async function answerPqr(deps: PostSaleDeps, principal: Principal, requestId: string, answer: string): Promise<PostSaleRequestDoc> {
  const text = answer.trim();
  if (text.length < 3 || text.length > 4000) throw badInput('answer must have 3 to 4000 characters', 'answer');
  const req = await loadRequest(deps, principal.tenantId, requestId);
  if (req.type !== 'PQR') throw badInput('only a PQR is answered', 'requestId');
  requireStatus('answer the PQR', req.status, ['AWAITING_ANSWER']);
  const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
  return closeRequest(
    deps,
    principal,
    req,
    'CLOSED',
    'ANSWERED',
    { 'details.pqr.answer': text, 'details.pqr.answeredOn': localDay(businessNow(req.tenantId), timeZone) },
    { note: 'answered' },
  );
}
