import {
  actOnSeen,
  badInput,
  businessNow,
  type Concurrency,
  conflict,
  type Decision,
  isDuplicateKey,
  localDay,
  localMonth,
  newId,
  notFound,
  type Principal,
  runCommand,
} from '@vinculo/common';
import type { AcceptCommercialOfferInput, DraftSaleProjectInput, MakeCommercialOfferInput, ReviseSaleProjectInput } from '../__generated__/resolvers-types';
import { CLOSED_PROJECT_STATUSES, draftProject, execute, type SaleProjectCommand, type SaleProjectState } from '../domain/sale-project';
import { combineFeasibility, networkNeeds, validLocation, type FeasibilityRecord } from '../domain/feasibility';
import { validDay } from '../domain/text';
import { actsOnlyAsExecutive, checkApprovingLead, checkExecutiveOwns } from '../domain/team';
import { policy, type SalesAction } from '../policy';
import { projectIdForNeed, type NewNeedDoc } from '../store/new-need.model';
import type { SaleProjectDoc } from '../store/sale-project.model';
import { knownItems, priceItems } from './catalog';
import type { SalesDeps } from './deps';
import { actorId, projectEvents, type Actor } from './events';
import { requireDocumentFiles } from './requirement-files';

/**
 * Beyond the role (checked by the resolver): the Vo.Bo. comes from the executive's own team lead when
 * sales knows it (R-SAL-1); an executive acts only on the projects they drafted or of their portfolio's customers.
 */
export async function checkMayActOn(deps: SalesDeps, principal: Principal, action: SalesAction, project: SaleProjectDoc): Promise<void> {
  if (action === 'approveSaleProject') {
    checkApprovingLead(principal.userId, await deps.staff.leadOf(principal.tenantId, project.executiveId));
    return;
  }
  if (!actsOnlyAsExecutive(principal, policy[action]) || project.executiveId === principal.userId) return;
  checkExecutiveOwns(principal, policy[action], [project.executiveId, await deps.customers.portfolioOwner(principal.tenantId, project.customerId)]);
}

/** The parts of the document the state machine owns (what a change rewrites). */
const stateOf = (s: SaleProjectState): SaleProjectState => ({
  status: s.status,
  kind: s.kind,
  needs: s.needs,
  activityType: s.activityType,
  market: s.market,
  items: s.items,
  installationAddress: s.installationAddress,
  location: s.location,
  approval: s.approval,
  feasibility: s.feasibility,
  visitId: s.visitId,
  offers: s.offers,
  decision: s.decision && { ...s.decision, backingAttachments: s.decision.backingAttachments ?? [] },
  orderId: s.orderId,
  orderEnteredMonth: s.orderEnteredMonth,
  history: s.history,
});

/** Feasibility of lines at a location from the coverage read model (fed by techsupport.CoverageChanged). */
export async function feasibilityAt(
  deps: Pick<SalesDeps, 'coverage'>,
  tenantId: string,
  lines: readonly { technology: Parameters<typeof networkNeeds>[0][number]['technology']; speedMbps: number | null }[],
  location: { latitude: number; longitude: number },
  meta: { by: string; at: Date },
): Promise<FeasibilityRecord> {
  const results = [];
  for (const need of networkNeeds(lines)) {
    results.push({
      technology: need.technology,
      result: await deps.coverage.assess(tenantId, { location, technology: need.technology, speedMbps: need.speedMbps }),
    });
  }
  return combineFeasibility(results, meta);
}

/**
 * The project after `cmd` with its events, as one write (the decide step of runCommand); closing it
 * stamps the month (tenant time zone).
 */
export function projectChange(who: Actor, current: SaleProjectDoc, cmd: SaleProjectCommand, now: Date, timeZone: string): Decision<SaleProjectDoc> {
  const { state } = execute(current, cmd, { by: actorId(who), at: now, today: localDay(now, timeZone) });
  const closedMonth =
    CLOSED_PROJECT_STATUSES.includes(state.status) && !CLOSED_PROJECT_STATUSES.includes(current.status) ? localMonth(now, timeZone) : current.closedMonth;
  return { update: { $set: { ...stateOf(state), closedMonth } }, events: projectEvents(current, state, who, now) };
}

/** Run one decided change on a project (a person's version, or the system's retries). */
export const runOnProject = (
  deps: Pick<SalesDeps, 'projects' | 'published'>,
  tenantId: string,
  id: string,
  concurrency: Concurrency,
  decide: (current: SaleProjectDoc) => Decision<SaleProjectDoc> | null,
) => runCommand({ model: deps.projects.model, what: 'SaleProject', tenantId, id, concurrency, decide, published: deps.published });

/**
 * A person's act on a project at the version they saw: ownership checked (R-SAL-1, portfolio), the
 * command prepared from the project (catalog, coverage, files), decided and written (moved on → CONFLICT).
 */
async function changeProject(
  deps: SalesDeps,
  principal: Principal,
  action: SalesAction,
  input: { projectId: string; expectedVersion: number },
  command: (doc: SaleProjectDoc, today: string, now: Date) => Promise<SaleProjectCommand> | SaleProjectCommand,
): Promise<SaleProjectDoc> {
  const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const { doc } = await actOnSeen({
    model: deps.projects.model,
    what: 'SaleProject',
    tenantId: principal.tenantId,
    id: input.projectId,
    expectedVersion: input.expectedVersion,
    published: deps.published,
    prepare: async (seen) => {
      await checkMayActOn(deps, principal, action, seen);
      return command(seen, localDay(now, timeZone), now);
    },
    decide: (current, cmd) => projectChange(principal, current, cmd, now, timeZone),
  });
  return doc;
}

const needTaken = (needId: string) => conflict(`New need ${needId} is already TAKEN by a sale project`, { status: 'TAKEN' });

/** B: the new need a PORTFOLIO project is drafted from — of the same customer, not yet taken. */
async function needToTake(deps: SalesDeps, tenantId: string, needId: string, customerId: string, kind: string): Promise<NewNeedDoc> {
  const need = await deps.needs.find(tenantId, needId);
  if (!need) throw notFound('NewNeed', needId);
  if (need.customerId !== customerId) throw badInput('the new need is of another customer', 'newNeedId');
  if (kind !== 'PORTFOLIO') throw badInput('a new need becomes a PORTFOLIO sale project', 'kind');
  if (await deps.projects.exists(tenantId, projectIdForNeed(need._id))) throw needTaken(needId);
  return need;
}

/** A1 / B: the executive drafts a project for a prospect nobody holds or a customer of their own portfolio. */
export async function draftSaleProject(deps: SalesDeps, principal: Principal, input: DraftSaleProjectInput): Promise<SaleProjectDoc> {
  const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const location = validLocation(input.location);
  const customer = await deps.directory.require(principal.tenantId, input.customerId);
  // A prospect nobody holds, or the executive's own portfolio customer — not another executive's.
  checkExecutiveOwns(principal, policy.draftSaleProject, [customer.executiveId]);
  if (input.kind === 'PORTFOLIO' && customer.status === 'PROSPECT')
    throw badInput('a PORTFOLIO sale is for an existing customer; a prospect is a NEW_CAPTURE', 'kind');
  const need = input.newNeedId ? await needToTake(deps, principal.tenantId, input.newNeedId, input.customerId, input.kind) : null;
  const items = await knownItems(deps, principal.tenantId, input.items, localDay(now, tenant.timeZone));
  const state = draftProject({ ...input, items, location }, { by: principal.userId, at: now });
  // One write: a project from a new need takes it by its derived id (a concurrent second draft is a duplicate key).
  const id = need ? projectIdForNeed(need._id) : newId('sp');
  const doc = {
    _id: id,
    tenantId: principal.tenantId,
    customerId: input.customerId,
    executiveId: principal.userId,
    newNeedId: need?._id ?? null,
    currency: tenant.currency,
    createdAt: now,
    closedMonth: null,
    version: 0,
    ...state,
  };
  const events = projectEvents({ ...doc, history: [], outbox: [] }, state, principal, now);
  try {
    const created = await deps.projects.create({ ...doc, outbox: events });
    deps.published();
    return created;
  } catch (err) {
    if (need && isDuplicateKey(err)) throw needTaken(need._id);
    throw err;
  }
}

export const reviseSaleProject = (deps: SalesDeps, principal: Principal, input: ReviseSaleProjectInput) =>
  changeProject(deps, principal, 'draftSaleProject', input, async (_doc, today) => ({
    kind: 'revise',
    items: await knownItems(deps, principal.tenantId, input.items, today),
    needs: input.needs,
    installationAddress: input.installationAddress,
    location: validLocation(input.location),
  }));

/** A2 R-SAL-1: the executive's own team lead gives the Vo.Bo. */
export const approveSaleProject = (deps: SalesDeps, principal: Principal, input: { projectId: string; expectedVersion: number; note?: string | null }) =>
  changeProject(deps, principal, 'approveSaleProject', input, () => ({ kind: 'approve', note: input.note }));

/** A3: the lines of the project priced and assessed against coverage (R-SAL-2). */
export const checkSaleProjectFeasibility = (deps: SalesDeps, principal: Principal, input: { projectId: string; expectedVersion: number }) =>
  changeProject(deps, principal, 'checkFeasibility', input, async (doc, today, now) => {
    const lines = await priceItems(deps, principal.tenantId, doc.items, today);
    return { kind: 'recordFeasibility', result: await feasibilityAt(deps, principal.tenantId, lines, doc.location, { by: principal.userId, at: now }) };
  });

export const linkSaleProjectVisit = (deps: SalesDeps, principal: Principal, input: { projectId: string; expectedVersion: number; visitId: string }) =>
  changeProject(deps, principal, 'workSaleProject', input, () => ({ kind: 'linkVisit', visitId: input.visitId }));

/** A4: the offer, priced from the catalog today. */
export const makeCommercialOffer = (deps: SalesDeps, principal: Principal, input: MakeCommercialOfferInput) =>
  changeProject(deps, principal, 'workSaleProject', input, async (doc, today) => ({
    kind: 'makeOffer',
    lines: await priceItems(deps, principal.tenantId, doc.items, today),
    validUntil: validDay(input.validUntil, 'validUntil'),
    channel: input.channel,
  }));

/**
 * A5: the customer accepts. R-SAL-2: the same documents order entry checks (REQUIRED_DOCUMENTS), known
 * before the order is entered; each one counts only with its uploaded file (issue #16).
 */
export const acceptCommercialOffer = (deps: SalesDeps, principal: Principal, input: AcceptCommercialOfferInput) =>
  changeProject(deps, principal, 'workSaleProject', input, async (doc) => {
    const customer = await deps.directory.require(principal.tenantId, doc.customerId);
    const files = (input.backingAttachments ?? []).map((a) => ({ document: a.document, attachmentId: a.attachmentId }));
    const proved = await requireDocumentFiles(
      deps,
      { tenantId: principal.tenantId, customerId: doc.customerId, customerKind: customer.kind },
      files,
      input.backingDocuments ?? [],
    );
    return { kind: 'accept', backingDocuments: proved.map((p) => p.document), backingAttachments: proved };
  });

export const declineSaleProject = (deps: SalesDeps, principal: Principal, input: { projectId: string; expectedVersion: number; reason: string }) =>
  changeProject(deps, principal, 'workSaleProject', input, () => ({ kind: 'decline', reason: input.reason }));
