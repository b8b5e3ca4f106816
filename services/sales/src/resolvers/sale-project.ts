import { authorize, badInput, businessNow, byIdLoader, childConnection, conflict, findOneById, isDuplicateKey, loadAtVersion, newId, notFound, type Principal, type RequestContext, updateVersioned } from '@vinculo/common';
import { projectIdForNeed, type NewNeedDoc } from '../store/new-need.model';
import type { MutationResolvers, QueryResolvers, SaleProjectResolvers } from '../__generated__/resolvers-types';
import { CLOSED_PROJECT_STATUSES, draftProject, execute, type SaleProjectCommand, type SaleProjectState } from '../domain/sale-project';
import { combineFeasibility, networkNeeds, validLocation, type FeasibilityRecord } from '../domain/feasibility';
import { localDay, localMonth, validDay } from '../domain/text';
import { projectEvents } from '../events/integration-events';
import type { SaleProjectDoc } from '../store/sale-project.model';
import { policy, type SalesAction } from '../policy';
import { actsOnlyAsExecutive, checkApprovingLead, checkExecutiveOwns } from '../domain/team';
import { knownItems, priceItems } from './catalog';
import type { ResolverDeps } from './deps';
import { out } from './money';
import { requireDocumentFiles } from './requirement-files';

export const loadProject = ({ projects }: ResolverDeps, ctx: RequestContext, id: string) => byIdLoader(projects, 'saleProjectById')(ctx, id);

/** The executive who holds the customer in portfolio, or null (a prospect nobody holds yet). */
export const portfolioOwner = async ({ directory }: ResolverDeps, tenantId: string, customerId: string): Promise<string | null> =>
  (await findOneById(directory.model, tenantId, customerId, { executiveId: 1 }))?.executiveId ?? null;

/**
 * Beyond the role: the Vo.Bo. comes from the executive's own team lead when sales knows it (R-SAL-1);
 * an executive acts only on the projects they drafted or of their portfolio's customers.
 */
export async function checkMayActOn(deps: ResolverDeps, principal: Principal, action: SalesAction, project: SaleProjectDoc): Promise<void> {
  if (action === 'approveSaleProject') {
    checkApprovingLead(principal.userId, await deps.staff.leadOf(principal.tenantId, project.executiveId));
    return;
  }
  if (!actsOnlyAsExecutive(principal, policy[action]) || project.executiveId === principal.userId) return;
  checkExecutiveOwns(principal, policy[action], [project.executiveId, await portfolioOwner(deps, principal.tenantId, project.customerId)]);
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
  deps: ResolverDeps,
  tenantId: string,
  lines: readonly { technology: Parameters<typeof networkNeeds>[0][number]['technology']; speedMbps: number | null }[],
  location: { latitude: number; longitude: number },
  meta: { by: string; at: Date },
): Promise<FeasibilityRecord> {
  const results = [];
  for (const need of networkNeeds(lines)) {
    results.push({ technology: need.technology, result: await deps.coverage.assess(tenantId, { location, technology: need.technology, speedMbps: need.speedMbps }) });
  }
  return combineFeasibility(results, meta);
}

/**
 * Run one command on a project: authorise, load it at the version the caller saw, decide with the
 * pure state machine, write the new state with its events in one versioned update (stale → CONFLICT).
 */
export async function changeProject(
  deps: ResolverDeps,
  ctx: RequestContext,
  action: SalesAction,
  input: { projectId: string; expectedVersion: number },
  command: (doc: SaleProjectDoc, today: string, now: Date) => Promise<SaleProjectCommand> | SaleProjectCommand,
): Promise<SaleProjectDoc> {
  const { principal } = ctx;
  authorize(policy, action, principal);
  const current = await loadAtVersion(deps.projects, 'SaleProject', principal.tenantId, input.projectId, input.expectedVersion);
  await checkMayActOn(deps, principal, action, current);
  const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const cmd = await command(current, localDay(now, timeZone), now);
  return writeProjectChange(deps, principal, current, cmd, now, timeZone);
}

/**
 * Decide `cmd` on the project as loaded and write the new state with its events in one versioned
 * update (the project moved on meanwhile → CONFLICT); closing it stamps the month (tenant time zone).
 */
export async function writeProjectChange(
  deps: Pick<ResolverDeps, 'projects' | 'published'>,
  who: Pick<Principal, 'tenantId' | 'userId' | 'roles'>,
  current: SaleProjectDoc,
  cmd: SaleProjectCommand,
  now: Date,
  timeZone: string,
): Promise<SaleProjectDoc> {
  const { state } = execute(current, cmd, { by: who.userId, at: now, today: localDay(now, timeZone) });
  const envelopes = projectEvents(current, state, who, now);
  const closedMonth = CLOSED_PROJECT_STATUSES.includes(state.status) && !CLOSED_PROJECT_STATUSES.includes(current.status) ? localMonth(now, timeZone) : current.closedMonth;
  const updated = await updateVersioned(deps.projects, { _id: current._id, tenantId: who.tenantId }, current.version, { $set: { ...stateOf(state), closedMonth } }, envelopes);
  if (envelopes.length) deps.published();
  return updated;
}

/** B: the new need a PORTFOLIO project is drafted from — of the same customer, not yet taken. */
async function needToTake(deps: ResolverDeps, tenantId: string, needId: string, customerId: string, kind: string): Promise<NewNeedDoc> {
  const need = await findOneById(deps.needs, tenantId, needId);
  if (!need) throw notFound('NewNeed', needId);
  if (need.customerId !== customerId) throw badInput('the new need is of another customer', 'newNeedId');
  if (kind !== 'PORTFOLIO') throw badInput('a new need becomes a PORTFOLIO sale project', 'kind');
  if (await deps.projects.exists({ _id: projectIdForNeed(need._id), tenantId })) throw needTaken(needId);
  return need;
}

const needTaken = (needId: string) => conflict(`New need ${needId} is already TAKEN by a sale project`, { status: 'TAKEN' });

const payload = (p: Promise<SaleProjectDoc>) => p.then((saleProject) => ({ saleProject }));

export const saleProjectQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'saleProject'> => ({
  saleProject: (_p, { id }, ctx) => {
    authorize(policy, 'readPipeline', ctx.principal);
    return loadProject(deps, ctx, id).then((p) => p ?? null);
  },
});

export const saleProjectMutations = (
  deps: ResolverDeps,
): Pick<MutationResolvers, 'draftSaleProject' | 'reviseSaleProject' | 'approveSaleProject' | 'checkSaleProjectFeasibility' | 'linkSaleProjectVisit' | 'makeCommercialOffer' | 'acceptCommercialOffer' | 'declineSaleProject'> => ({
  draftSaleProject: async (_p, { input }, { principal }) => {
    authorize(policy, 'draftSaleProject', principal);
    const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
    const now = businessNow(principal.tenantId);
    const location = validLocation(input.location);
    const customer = await deps.directory.require(principal.tenantId, input.customerId);
    // A prospect nobody holds, or the executive's own portfolio customer — not another executive's.
    checkExecutiveOwns(principal, policy.draftSaleProject, [customer.executiveId]);
    if (input.kind === 'PORTFOLIO' && customer.status === 'PROSPECT') throw badInput('a PORTFOLIO sale is for an existing customer; a prospect is a NEW_CAPTURE', 'kind');
    const need = input.newNeedId ? await needToTake(deps, principal.tenantId, input.newNeedId, input.customerId, input.kind) : null;
    const items = await knownItems(deps, principal.tenantId, input.items, localDay(now, tenant.timeZone));
    const state = draftProject({ ...input, items, location }, { by: principal.userId, at: now });
    // One write: a project from a new need takes it by its derived id (a concurrent second draft is a duplicate key).
    const id = need ? projectIdForNeed(need._id) : newId('sp');
    const doc = { _id: id, tenantId: principal.tenantId, customerId: input.customerId, executiveId: principal.userId, newNeedId: need?._id ?? null, currency: tenant.currency, createdAt: now, closedMonth: null, ...state };
    const events = projectEvents({ ...doc, history: [], version: 0, outbox: [] }, state, principal, now);
    try {
      const created = await deps.projects.create({ ...doc, outbox: events });
      deps.published();
      return { saleProject: created.toObject() };
    } catch (err) {
      if (need && isDuplicateKey(err)) throw needTaken(need._id);
      throw err;
    }
  },
  reviseSaleProject: (_p, { input }, ctx) =>
    payload(
      changeProject(deps, ctx, 'draftSaleProject', input, async (_doc, today) => ({
        kind: 'revise',
        items: await knownItems(deps, ctx.principal.tenantId, input.items, today),
        needs: input.needs,
        installationAddress: input.installationAddress,
        location: validLocation(input.location),
      })),
    ),
  approveSaleProject: (_p, { input }, ctx) => payload(changeProject(deps, ctx, 'approveSaleProject', input, () => ({ kind: 'approve', note: input.note }))),
  checkSaleProjectFeasibility: (_p, { input }, ctx) =>
    payload(
      changeProject(deps, ctx, 'checkFeasibility', input, async (doc, today, now) => {
        const lines = await priceItems(deps, ctx.principal.tenantId, doc.items, today);
        return { kind: 'recordFeasibility', result: await feasibilityAt(deps, ctx.principal.tenantId, lines, doc.location, { by: ctx.principal.userId, at: now }) };
      }),
    ),
  linkSaleProjectVisit: (_p, { input }, ctx) => payload(changeProject(deps, ctx, 'workSaleProject', input, () => ({ kind: 'linkVisit', visitId: input.visitId }))),
  makeCommercialOffer: (_p, { input }, ctx) =>
    payload(
      changeProject(deps, ctx, 'workSaleProject', input, async (doc, today) => ({
        kind: 'makeOffer',
        lines: await priceItems(deps, ctx.principal.tenantId, doc.items, today),
        validUntil: validDay(input.validUntil, 'validUntil'),
        channel: input.channel,
      })),
    ),
  acceptCommercialOffer: (_p, { input }, ctx) =>
    payload(
      changeProject(deps, ctx, 'workSaleProject', input, async (doc) => {
        // R-SAL-2: the same documents order entry checks (REQUIRED_DOCUMENTS), known before the order is
        // entered; each one counts only with its uploaded file (issue #16).
        const customer = await deps.directory.require(ctx.principal.tenantId, doc.customerId);
        const files = (input.backingAttachments ?? []).map((a) => ({ document: a.document, attachmentId: a.attachmentId }));
        const proved = await requireDocumentFiles(deps, { tenantId: ctx.principal.tenantId, customerId: doc.customerId, customerKind: customer.kind }, files, input.backingDocuments ?? []);
        return { kind: 'accept', backingDocuments: proved.map((p) => p.document), backingAttachments: proved };
      }),
    ),
  declineSaleProject: (_p, { input }, ctx) => payload(changeProject(deps, ctx, 'workSaleProject', input, () => ({ kind: 'decline', reason: input.reason }))),
});

const feasibilityOut = (f: FeasibilityRecord | null) => f && { ...f, technology: f.technology ?? null };

export const SaleProject = (deps: ResolverDeps): SaleProjectResolvers => ({
  // A reference (NewNeed.saleProject, a timeline link, …) must not bypass the pipeline's read policy.
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readPipeline', ctx.principal);
    return loadProject(deps, ctx, ref.id);
  },
  id: (p) => p._id,
  customer: (p) => ({ id: p.customerId }),
  executive: (p) => ({ id: p.executiveId }),
  feasibility: (p) => feasibilityOut(p.feasibility),
  visit: (p) => (p.visitId ? { id: p.visitId } : null),
  offers: (p) =>
    p.offers.map((o) => ({
      number: o.number,
      lines: o.lines.map((l) => ({
        planCode: l.planCode,
        family: l.family,
        promotionCode: l.promotionCode,
        listMonthlyFee: out(l.listMonthlyFeeMinor, p.currency),
        listInstallationCost: out(l.listInstallationCostMinor, p.currency),
        monthlyFee: out(l.monthlyFeeMinor, p.currency),
        installationCost: out(l.installationCostMinor, p.currency),
      })),
      monthlyTotal: out(o.totals.monthlyTotalMinor, p.currency),
      installationTotal: out(o.totals.installationTotalMinor, p.currency),
      validUntil: o.validUntil,
      channel: o.channel,
      sentBy: o.sentBy,
      sentAt: o.sentAt,
    })),
});

export const customerProjects = (deps: ResolverDeps) => (customer: { id: string }, args: { first?: number | null; after?: string | null }, ctx: RequestContext) => {
  authorize(policy, 'readPipeline', ctx.principal);
  return childConnection<SaleProjectDoc>(ctx, { name: 'Customer.saleProjects', model: deps.projects, parentField: 'customerId', sortField: 'createdAt' }, customer.id, args);
};

export const executiveProjects = (deps: ResolverDeps) => (employee: { id: string }, args: { first?: number | null; after?: string | null }, ctx: RequestContext) => {
  authorize(policy, 'readPipeline', ctx.principal);
  return childConnection<SaleProjectDoc>(ctx, { name: 'Employee.saleProjects', model: deps.projects, parentField: 'executiveId', sortField: 'createdAt' }, employee.id, args);
};

export const executiveNeeds = (deps: ResolverDeps) => (employee: { id: string }, args: { first?: number | null; after?: string | null }, ctx: RequestContext) => {
  authorize(policy, 'readPipeline', ctx.principal);
  return childConnection<NewNeedDoc>(ctx, { name: 'Employee.newNeeds', model: deps.needs, parentField: 'executiveId', sortField: 'flaggedAt' }, employee.id, args);
};
