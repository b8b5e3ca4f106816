import type { DomainError } from '@vinculo/common';
import { badInput, conflict, nextActFor, ruleViolated, wrongState, type NextActs, type GeoPoint, type StatusChangeDoc } from '@vinculo/common';
import { totalsOf, type PricedLine, type Totals } from './catalog';
import type { FeasibilityRecord } from './feasibility';
import { optionalText, text } from './text';

/**
 * The sale project (proyecto de venta, DOMAIN.md §1 A1–A8 and B) as a pure state machine:
 * `decide(state, command, meta)` returns the events or throws a DomainError (illegal transition →
 * FAILED_PRECONDITION naming the current status, where the act is allowed from and what comes first; broken rule → FAILED_PRECONDITION with its R-id);
 * `evolve(state, event)` applies one event.
 *
 *   DRAFT ─(lead Vo.Bo., R-SAL-1, NEW_CAPTURE only)→ APPROVED
 *   DRAFT (PORTFOLIO) | APPROVED | NOT_FEASIBLE | FEASIBLE ─(feasibility, R-SAL-2)→ FEASIBLE | NOT_FEASIBLE
 *   FEASIBLE ─(visit linked)→ VISIT_SCHEDULED
 *   FEASIBLE | VISIT_SCHEDULED | OFFERED ─(commercial offer)→ OFFERED
 *   OFFERED ─(accepted)→ ACCEPTED ─(clerk enters the order)→ ORDER_ENTERED
 *   any open status ─(declined / customer not interested)→ LOST
 *   DRAFT | APPROVED | FEASIBLE | NOT_FEASIBLE ─(revised)→ DRAFT (approval and feasibility start over)
 */

export const SALE_KINDS = ['NEW_CAPTURE', 'PORTFOLIO'] as const;
export type SaleKind = (typeof SALE_KINDS)[number];
export type Market = 'REGULATED' | 'NON_REGULATED';
export type OfferChannel = 'EMAIL' | 'WRITTEN' | 'WHATSAPP' | 'IN_PERSON';

export type SaleProjectStatus = 'DRAFT' | 'APPROVED' | 'FEASIBLE' | 'NOT_FEASIBLE' | 'VISIT_SCHEDULED' | 'OFFERED' | 'ACCEPTED' | 'ORDER_ENTERED' | 'LOST';

export const CLOSED_PROJECT_STATUSES: readonly SaleProjectStatus[] = ['ORDER_ENTERED', 'LOST'];
/** Not closed yet (the monthly report's open projects): an accepted offer still counts as open. */
export const UNCLOSED_PROJECT_STATUSES: readonly SaleProjectStatus[] = [
  'DRAFT',
  'APPROVED',
  'FEASIBLE',
  'NOT_FEASIBLE',
  'VISIT_SCHEDULED',
  'OFFERED',
  'ACCEPTED',
];

/** A proposed item: a catalog plan with an optional promotion (priced when the offer is made). */
export interface ProposedItem {
  planCode: string;
  promotionCode: string | null;
}

export interface Approval {
  by: string;
  at: Date;
  note: string | null;
}

export interface CommercialOffer {
  number: number;
  lines: PricedLine[];
  totals: Totals;
  validUntil: string;
  channel: OfferChannel;
  sentBy: string;
  sentAt: Date;
}

export interface Decision {
  outcome: 'ACCEPTED' | 'DECLINED';
  reason: string | null;
  backingDocuments: string[];
  /** Each backing document with the uploaded file that proves it (issue #16); absent on older decisions. */
  backingAttachments?: { document: string; attachmentId: string }[];
  by: string;
  at: Date;
}

export interface SaleProjectState {
  status: SaleProjectStatus;
  kind: SaleKind;
  needs: string;
  activityType: string | null;
  market: Market | null;
  items: ProposedItem[];
  installationAddress: string;
  location: GeoPoint;
  approval: Approval | null;
  feasibility: FeasibilityRecord | null;
  visitId: string | null;
  offers: CommercialOffer[];
  decision: Decision | null;
  orderId: string | null;
  orderEnteredMonth: string | null;
  history: StatusChangeDoc[];
}

export interface Meta {
  by: string;
  at: Date;
  /** Today in the tenant's time zone (YYYY-MM-DD). */
  today: string;
}

export type SaleProjectCommand =
  | { kind: 'revise'; items: ProposedItem[]; needs: string; installationAddress: string; location: GeoPoint }
  | { kind: 'approve'; note?: string | null }
  | { kind: 'recordFeasibility'; result: FeasibilityRecord }
  | { kind: 'linkVisit'; visitId: string }
  | { kind: 'makeOffer'; lines: PricedLine[]; validUntil: string; channel: OfferChannel }
  | { kind: 'accept'; backingDocuments: string[]; backingAttachments?: { document: string; attachmentId: string }[] }
  | { kind: 'decline'; reason: string }
  | { kind: 'orderEntered'; orderId: string; month: string };

export type SaleProjectEvent =
  | { type: 'Revised'; items: ProposedItem[]; needs: string; installationAddress: string; location: GeoPoint; by: string; at: Date }
  | { type: 'Approved'; approval: Approval }
  | { type: 'FeasibilityRecorded'; result: FeasibilityRecord }
  | { type: 'VisitLinked'; visitId: string; by: string; at: Date }
  | { type: 'OfferMade'; offer: CommercialOffer }
  | { type: 'Decided'; decision: Decision }
  | { type: 'OrderEntered'; orderId: string; month: string; by: string; at: Date };

/** The life cycle in order, and the act that usually moves each status forward (what must come first). */
const ORDER: readonly SaleProjectStatus[] = ['DRAFT', 'APPROVED', 'NOT_FEASIBLE', 'FEASIBLE', 'VISIT_SCHEDULED', 'OFFERED', 'ACCEPTED', 'ORDER_ENTERED'];
const NEXT_ACT: NextActs<SaleProjectStatus> = {
  APPROVED: 'checkSaleProjectFeasibility',
  NOT_FEASIBLE: 'reviseSaleProject',
  FEASIBLE: 'makeCommercialOffer',
  VISIT_SCHEDULED: 'makeCommercialOffer',
  OFFERED: 'acceptCommercialOffer',
  ACCEPTED: 'enterSalesOrder',
};

/** What comes first from `state` (a new capture's draft needs the lead's approval; a portfolio one, the feasibility check). */
function nextActOf(state: Pick<SaleProjectState, 'status' | 'kind'>, allowedFrom: readonly SaleProjectStatus[]): string | null {
  const guide = { ...NEXT_ACT, DRAFT: state.kind === 'NEW_CAPTURE' ? 'approveSaleProject' : 'checkSaleProjectFeasibility' };
  return nextActFor(guide, state.status, allowedFrom, ORDER);
}

const illegal = (state: SaleProjectState, act: string, allowedFrom: readonly SaleProjectStatus[], reason?: string): DomainError =>
  wrongState({ entity: 'sale project', current: state.status, act, allowedFrom, nextAct: nextActOf(state, allowedFrom), reason });

function requireStatus(state: SaleProjectState, allowed: readonly SaleProjectStatus[], act: string): void {
  if (!allowed.includes(state.status)) throw illegal(state, act, allowed);
}

/** R-SAL-1: a NEW_CAPTURE sale project goes no further than DRAFT without the team lead's approval (Vo.Bo.). */
export function checkLeadApproval(state: Pick<SaleProjectState, 'kind' | 'approval'>): void {
  if (state.kind === 'NEW_CAPTURE' && !state.approval) {
    throw ruleViolated('R-SAL-1', "A new-capture sale project needs the team lead's approval (Vo.Bo.) before it goes further");
  }
}

/** R-SAL-2: technical feasibility (and requirements) verified, and favourable, before the visit or the offer. */
export function checkFeasibilityVerified(state: Pick<SaleProjectState, 'feasibility'>): void {
  if (!state.feasibility) throw ruleViolated('R-SAL-2', 'Technical feasibility must be verified (GIS) before the visit or the offer');
  if (!state.feasibility.feasible) {
    throw ruleViolated('R-SAL-2', `The project is not feasible (${state.feasibility.reason}): ${state.feasibility.detail}`);
  }
}

export function validItems(items: readonly ProposedItem[]): ProposedItem[] {
  if (items.length < 1 || items.length > 20) throw badInput('items must have 1 to 20 entries', 'items');
  return items.map((i) => ({ planCode: i.planCode, promotionCode: i.promotionCode ?? null }));
}

const OPEN_PROJECT_STATUSES: readonly SaleProjectStatus[] = ['DRAFT', 'APPROVED', 'FEASIBLE', 'NOT_FEASIBLE', 'VISIT_SCHEDULED', 'OFFERED'];
const OPEN_BEFORE_OFFER: readonly SaleProjectStatus[] = ['DRAFT', 'APPROVED', 'FEASIBLE', 'NOT_FEASIBLE', 'VISIT_SCHEDULED'];
const OFFERABLE: readonly SaleProjectStatus[] = ['FEASIBLE', 'VISIT_SCHEDULED', 'OFFERED'];

/** The events a command produces on `state`, or a DomainError. */
export function decide(state: SaleProjectState, cmd: SaleProjectCommand, meta: Meta): SaleProjectEvent[] {
  const { by, at, today } = meta;
  switch (cmd.kind) {
    case 'revise':
      requireStatus(state, ['DRAFT', 'APPROVED', 'FEASIBLE', 'NOT_FEASIBLE'], 'be revised');
      return [
        {
          type: 'Revised',
          items: validItems(cmd.items),
          needs: text(cmd.needs, 'needs', 3, 2000),
          installationAddress: text(cmd.installationAddress, 'installationAddress', 5, 300),
          location: cmd.location,
          by,
          at,
        },
      ];
    case 'approve':
      if (state.kind !== 'NEW_CAPTURE')
        throw wrongState({
          entity: 'PORTFOLIO sale project',
          current: state.status,
          act: 'be approved',
          allowedFrom: [],
          reason: "only a NEW_CAPTURE project needs the lead's approval",
          nextAct: nextActOf(state, ['FEASIBLE']),
        });
      requireStatus(state, ['DRAFT'], 'be approved');
      return [{ type: 'Approved', approval: { by, at, note: optionalText(cmd.note, 'note', 2000) } }];
    case 'recordFeasibility':
      requireStatus(state, ['DRAFT', 'APPROVED', 'FEASIBLE', 'NOT_FEASIBLE'], 'have its feasibility checked');
      checkLeadApproval(state);
      return [{ type: 'FeasibilityRecorded', result: cmd.result }];
    case 'linkVisit':
      requireStatus(state, [...OPEN_BEFORE_OFFER], 'have a visit linked');
      checkLeadApproval(state);
      checkFeasibilityVerified(state);
      if (state.status === 'VISIT_SCHEDULED' && state.visitId === cmd.visitId)
        throw conflict(`Visit ${cmd.visitId} is already linked to this sale project`, { currentStatus: state.status });
      return [{ type: 'VisitLinked', visitId: text(cmd.visitId, 'visitId', 1, 100), by, at }];
    case 'makeOffer': {
      if (!OFFERABLE.includes(state.status)) {
        if (!OPEN_BEFORE_OFFER.includes(state.status)) throw illegal(state, 'get a commercial offer', OFFERABLE);
        checkLeadApproval(state);
        checkFeasibilityVerified(state);
      }
      if (cmd.validUntil < today) throw badInput('validUntil must not be in the past', 'validUntil');
      if (cmd.lines.length < 1) throw badInput('an offer needs at least one line', 'items');
      const offer: CommercialOffer = {
        number: state.offers.length + 1,
        lines: cmd.lines,
        totals: totalsOf(cmd.lines),
        validUntil: cmd.validUntil,
        channel: cmd.channel,
        sentBy: by,
        sentAt: at,
      };
      return [{ type: 'OfferMade', offer }];
    }
    case 'accept': {
      requireStatus(state, ['OFFERED'], 'be accepted');
      const offer = state.offers.at(-1)!;
      if (offer.validUntil < today) {
        throw wrongState({
          entity: 'sale project',
          current: state.status,
          act: 'be accepted',
          allowedFrom: ['OFFERED'],
          reason: `its offer expired on ${offer.validUntil}`,
          nextAct: 'makeCommercialOffer',
        });
      }
      const docs = [...new Set(cmd.backingDocuments.map((d) => text(d, 'backingDocuments', 2, 120)))];
      return [
        { type: 'Decided', decision: { outcome: 'ACCEPTED', reason: null, backingDocuments: docs, backingAttachments: cmd.backingAttachments ?? [], by, at } },
      ];
    }
    case 'decline':
      if (CLOSED_PROJECT_STATUSES.includes(state.status) || state.status === 'ACCEPTED') throw illegal(state, 'be declined', OPEN_PROJECT_STATUSES);
      return [{ type: 'Decided', decision: { outcome: 'DECLINED', reason: text(cmd.reason, 'reason', 3, 2000), backingDocuments: [], by, at } }];
    case 'orderEntered':
      requireStatus(state, ['ACCEPTED'], 'have an order entered');
      return [{ type: 'OrderEntered', orderId: cmd.orderId, month: cmd.month, by, at }];
  }
}

const moved = (state: SaleProjectState, to: SaleProjectStatus, by: string, at: Date, note: string | null = null): SaleProjectState => ({
  ...state,
  status: to,
  history: [...state.history, { from: state.status, to, by, at, note }],
});

/** Apply one event. */
export function evolve(state: SaleProjectState, e: SaleProjectEvent): SaleProjectState {
  switch (e.type) {
    case 'Revised':
      return moved(
        { ...state, items: e.items, needs: e.needs, installationAddress: e.installationAddress, location: e.location, approval: null, feasibility: null },
        'DRAFT',
        e.by,
        e.at,
        'revised',
      );
    case 'Approved':
      return moved({ ...state, approval: e.approval }, 'APPROVED', e.approval.by, e.approval.at, e.approval.note);
    case 'FeasibilityRecorded': {
      const r = e.result;
      return moved(
        { ...state, feasibility: r },
        r.feasible ? 'FEASIBLE' : 'NOT_FEASIBLE',
        r.checkedBy,
        r.checkedAt,
        r.feasible ? `node ${r.nodeId ?? 'none needed'}` : `${r.reason}: ${r.detail}`,
      );
    }
    case 'VisitLinked':
      return moved({ ...state, visitId: e.visitId }, 'VISIT_SCHEDULED', e.by, e.at, `visit ${e.visitId}`);
    case 'OfferMade':
      return moved(
        { ...state, offers: [...state.offers, e.offer] },
        'OFFERED',
        e.offer.sentBy,
        e.offer.sentAt,
        `offer ${e.offer.number} by ${e.offer.channel}`,
      );
    case 'Decided':
      return moved(
        { ...state, decision: e.decision },
        e.decision.outcome === 'ACCEPTED' ? 'ACCEPTED' : 'LOST',
        e.decision.by,
        e.decision.at,
        e.decision.reason,
      );
    case 'OrderEntered':
      return moved({ ...state, orderId: e.orderId, orderEnteredMonth: e.month }, 'ORDER_ENTERED', e.by, e.at, `order ${e.orderId}`);
  }
}

export function execute(state: SaleProjectState, cmd: SaleProjectCommand, meta: Meta): { events: SaleProjectEvent[]; state: SaleProjectState } {
  const events = decide(state, cmd, meta);
  return { events, state: events.reduce(evolve, state) };
}

/** A new sale project (A1 / B): DRAFT, owned by the executive who drafts it. */
export function draftProject(
  input: {
    kind: SaleKind;
    needs: string;
    activityType?: string | null;
    market?: Market | null;
    items: ProposedItem[];
    installationAddress: string;
    location: GeoPoint;
  },
  meta: Pick<Meta, 'by' | 'at'>,
): SaleProjectState {
  return {
    status: 'DRAFT',
    kind: input.kind,
    needs: text(input.needs, 'needs', 3, 2000),
    activityType: optionalText(input.activityType, 'activityType', 120),
    market: input.market ?? null,
    items: validItems(input.items),
    installationAddress: text(input.installationAddress, 'installationAddress', 5, 300),
    location: input.location,
    approval: null,
    feasibility: null,
    visitId: null,
    offers: [],
    decision: null,
    orderId: null,
    orderEnteredMonth: null,
    history: [{ from: null, to: 'DRAFT', by: meta.by, at: meta.at, note: input.kind }],
  };
}
