import {
  badInput,
  conflict,
  DomainError,
  nextActFor,
  ruleViolated,
  wrongState,
  type BusinessCalendar,
  type NextActs,
  type StatusChangeDoc,
} from '@vinculo/common';
import { businessCaseFigures, validSizing, type BusinessCaseFigures, type SizingInput } from './business-case';

/**
 * The commercial opportunity (DOMAIN.md §5) as a pure state machine: `decide(state, command, meta)`
 * returns the events a command produces or throws a DomainError (illegal transition → FAILED_PRECONDITION
 * with allowedFrom and nextAct,
 * broken rule → FAILED_PRECONDITION with its R-id); `evolve(state, event)` applies one event.
 *
 *   QUALIFIED ─(admin + technical validation)→ VALIDATED ─(sizing, R-PRO-2)→ SIZED ─(R-PRO-4)→ GO | NO_GO
 *   GO | RETURNED_BY_COMPLIANCE | CLIENT_COMMENTS ─(new version, R-PRO-5)→ IN_COMPLIANCE_REVIEW
 *   IN_COMPLIANCE_REVIEW → APPROVED_FOR_DELIVERY | RETURNED_BY_COMPLIANCE
 *   APPROVED_FOR_DELIVERY → SENT → WON (client authorised) | CLIENT_COMMENTS
 *   any open status ─(R-PRO-7 lessons learned)→ LOST
 */

export const REQUIREMENT_TYPES = ['MANAGED_SERVICE', 'RESALE', 'SERVICE'] as const;
export type RequirementType = (typeof REQUIREMENT_TYPES)[number];
export const SERVICE_LINES = ['THREAT_INTELLIGENCE', 'STRATEGIC_CONSULTING', 'SOC', 'NOC', 'IT_SOLUTIONS', 'OTHER'] as const;
export type ServiceLine = (typeof SERVICE_LINES)[number];

export type OpportunityStatus =
  | 'QUALIFIED'
  | 'VALIDATED'
  | 'SIZED'
  | 'GO'
  | 'NO_GO'
  | 'IN_COMPLIANCE_REVIEW'
  | 'RETURNED_BY_COMPLIANCE'
  | 'APPROVED_FOR_DELIVERY'
  | 'SENT'
  | 'CLIENT_COMMENTS'
  | 'WON'
  | 'LOST';

export const CLOSED_STATUSES: readonly OpportunityStatus[] = ['WON', 'LOST', 'NO_GO'];
export const isOpen = (s: OpportunityStatus): boolean => !CLOSED_STATUSES.includes(s);

export interface Validation {
  by: string;
  at: Date;
  note: string | null;
}
export interface Contribution {
  area: ServiceLine;
  by: string;
  at: Date;
  summary: string;
}
export interface PartnerQuoteState {
  vendor: string;
  items: string[];
  amountMinor: number;
  currency: string;
  validUntil: string;
  recordedBy: string;
  recordedAt: Date;
}
export interface BusinessCaseState extends SizingInput, BusinessCaseFigures {
  currency: string;
  sizedBy: string;
  sizedAt: Date;
  decision: 'GO' | 'NO_GO' | null;
  justification: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}
export interface ComplianceReview {
  outcome: 'APPROVED' | 'RETURNED';
  comments: string | null;
  by: string;
  at: Date;
}
/** The client's review: comments are required unless it authorized the proposal (compliant both ways). */
export type ClientReview = {
  technicallyCompliant: boolean;
  economicallyCompliant: boolean;
  recordedBy: string;
  at: Date;
} & ({ authorized: true; comments: string | null } | { authorized: false; comments: string });
export interface ProposalVersion {
  version: number;
  technicalSummary: string;
  economicSummary: string;
  priceMinor: number;
  currency: string;
  committedDeliveryDate: string;
  submittedBy: string;
  submittedAt: Date;
  complianceReview: ComplianceReview | null;
  sentAt: Date | null;
  clientReview: ClientReview | null;
}
export interface Loss {
  reason: string;
  lessonsLearned: string;
  by: string;
  at: Date;
}
export interface Agreement {
  kind: 'CONTRACT' | 'NDA';
  reference: string;
  signedOn: string;
  recordedBy: string;
  recordedAt: Date;
}

/** What the state machine needs of an opportunity (the stored document holds this plus keys). */
export interface OpportunityState {
  status: OpportunityStatus;
  requirementType: RequirementType;
  currency: string;
  administrativeValidation: Validation | null;
  technicalValidation: Validation | null;
  contributions: Contribution[];
  partnerQuotes: PartnerQuoteState[];
  businessCase: BusinessCaseState | null;
  proposals: ProposalVersion[];
  wonAt: Date | null;
  loss: Loss | null;
  agreements: Agreement[];
  history: StatusChangeDoc[];
}

/** Who acts, when, and what day it is in the tenant's time zone (for R-PRO-2 and R-PRO-5). */
export interface Meta {
  by: string;
  at: Date;
  today: string;
  /** The tenant's business days (weekends and its holiday calendar), for R-PRO-5. */
  calendar: BusinessCalendar;
}

export type OpportunityCommand =
  | { kind: 'validate'; aspect: 'ADMINISTRATIVE' | 'TECHNICAL'; note?: string | null }
  | { kind: 'contribute'; area: ServiceLine; summary: string }
  | { kind: 'quotePartner'; vendor: string; items: string[]; amountMinor: number; validUntil: string }
  | ({ kind: 'size' } & SizingInput)
  | { kind: 'decideBusinessCase'; decision: 'GO' | 'NO_GO'; justification?: string | null }
  | { kind: 'submitProposal'; technicalSummary: string; economicSummary: string; priceMinor: number; committedDeliveryDate: string }
  | { kind: 'reviewProposal'; outcome: 'APPROVED' | 'RETURNED'; comments?: string | null }
  | { kind: 'sendProposal' }
  | { kind: 'recordClientReview'; technicallyCompliant: boolean; economicallyCompliant: boolean; comments?: string | null }
  | { kind: 'markLost'; reason: string; lessonsLearned: string }
  | { kind: 'formalizeAgreement'; agreementKind: 'CONTRACT' | 'NDA'; reference: string; signedOn: string };

/** Domain events: facts the state machine records (some become integration events, see events/). */
export type OpportunityEvent =
  | { type: 'Validated'; aspect: 'ADMINISTRATIVE' | 'TECHNICAL'; validation: Validation }
  | { type: 'ContributionRecorded'; contribution: Contribution }
  | { type: 'PartnerQuoteRecorded'; quote: PartnerQuoteState }
  | { type: 'Sized'; businessCase: BusinessCaseState }
  | { type: 'BusinessCaseDecided'; decision: 'GO' | 'NO_GO'; justification: string | null; by: string; at: Date }
  | { type: 'ProposalSubmitted'; proposal: ProposalVersion }
  | { type: 'ProposalReviewed'; version: number; review: ComplianceReview }
  | { type: 'ProposalSent'; version: number; at: Date; by: string }
  | { type: 'ClientReviewed'; version: number; review: ClientReview }
  | { type: 'Lost'; loss: Loss }
  | { type: 'AgreementFormalized'; agreement: Agreement };

/** The life cycle in order (compliance and client rounds loop back), and the act that moves each status forward. */
const FLOW: readonly OpportunityStatus[] = [
  'QUALIFIED',
  'VALIDATED',
  'SIZED',
  'GO',
  'IN_COMPLIANCE_REVIEW',
  'RETURNED_BY_COMPLIANCE',
  'APPROVED_FOR_DELIVERY',
  'SENT',
  'CLIENT_COMMENTS',
  'WON',
];
const NEXT_ACT: NextActs<OpportunityStatus> = {
  QUALIFIED: 'validateOpportunity',
  VALIDATED: 'recordSizing',
  SIZED: 'decideBusinessCase',
  GO: 'submitProposal',
  IN_COMPLIANCE_REVIEW: 'reviewProposal',
  RETURNED_BY_COMPLIANCE: 'submitProposal',
  APPROVED_FOR_DELIVERY: 'sendProposal',
  SENT: 'recordClientReview',
  CLIENT_COMMENTS: 'submitProposal',
};

const illegal = (state: OpportunityState, act: string, allowedFrom: readonly OpportunityStatus[]): DomainError =>
  wrongState({ entity: 'opportunity', current: state.status, act, allowedFrom, nextAct: nextActFor(NEXT_ACT, state.status, allowedFrom, FLOW) });

function requireStatus(state: OpportunityState, allowed: readonly OpportunityStatus[], act: string): void {
  if (!allowed.includes(state.status)) throw illegal(state, act, allowed);
}

function text(value: string | null | undefined, field: string, min: number, max: number): string {
  const t = (value ?? '').trim();
  if (t.length < min || t.length > max) throw badInput(`${field} must have ${min} to ${max} characters`, field);
  return t;
}
const optionalText = (value: string | null | undefined, field: string, max: number): string | null =>
  value == null || !value.trim() ? null : text(value, field, 1, max);

/** Minimum length of a NO_GO justification (R-PRO-4) and of lessons learned (R-PRO-7). */
export const JUSTIFICATION_MIN = 20;
export const LESSONS_MIN = 20;

/** R-PRO-2 (local id, §5 step 2: alliances procedure PR-ALI-002): a RESALE opportunity is sized on a partner quote still valid today. */
export function checkPartnerQuoteForResale(state: OpportunityState, today: string): void {
  if (state.requirementType !== 'RESALE') return;
  if (!state.partnerQuotes.some((q) => q.validUntil >= today)) {
    throw ruleViolated('R-PRO-2', 'A RESALE opportunity needs a partner quote valid today before sizing (PR-ALI-002)');
  }
}

/** R-PRO-4: NO_GO needs a written justification of at least JUSTIFICATION_MIN characters. (Only the director decides: policy.) */
export function checkGoNoGoJustification(decision: 'GO' | 'NO_GO', justification: string | null | undefined): string | null {
  const j = justification?.trim() ?? '';
  if (decision === 'NO_GO' && j.length < JUSTIFICATION_MIN) {
    throw ruleViolated('R-PRO-4', `A NO_GO decision needs a justification of at least ${JUSTIFICATION_MIN} characters`);
  }
  if (j.length > 2000) throw badInput('justification must have at most 2000 characters', 'justification');
  return j || null;
}

/**
 * R-PRO-5: compliance must receive a proposal at least one business day before the committed delivery
 * date, i.e. on or before the last business day before it (tenant calendar: weekends and its holidays
 * excluded).
 */
export function checkComplianceLeadTime(today: string, committedDeliveryDate: string, calendar: BusinessCalendar): void {
  const latest = calendar.previousBusinessDay(committedDeliveryDate);
  if (today > latest) {
    throw ruleViolated(
      'R-PRO-5',
      `Compliance must receive the proposal at least one business day before delivery (${committedDeliveryDate}): by ${latest}, today is ${today}`,
    );
  }
}

/** R-PRO-7: a lost opportunity records its lessons learned (at least LESSONS_MIN characters). */
export function checkLessonsLearned(lessonsLearned: string): string {
  const l = lessonsLearned.trim();
  if (l.length < LESSONS_MIN) throw ruleViolated('R-PRO-7', `Lessons learned of at least ${LESSONS_MIN} characters are required to mark an opportunity LOST`);
  if (l.length > 4000) throw badInput('lessonsLearned must have at most 4000 characters', 'lessonsLearned');
  return l;
}

const BEFORE_SIZING: readonly OpportunityStatus[] = ['QUALIFIED', 'VALIDATED', 'SIZED'];
const NEW_VERSION_FROM: readonly OpportunityStatus[] = ['GO', 'RETURNED_BY_COMPLIANCE', 'CLIENT_COMMENTS'];

/** The events a command produces on `state`, or a DomainError. */
export function decide(state: OpportunityState, cmd: OpportunityCommand, meta: Meta): OpportunityEvent[] {
  const { by, at, today, calendar } = meta;
  switch (cmd.kind) {
    case 'validate': {
      requireStatus(state, ['QUALIFIED'], 'be validated');
      const done = cmd.aspect === 'ADMINISTRATIVE' ? state.administrativeValidation : state.technicalValidation;
      if (done) throw conflict(`The ${cmd.aspect.toLowerCase()} validation is already recorded`, { currentStatus: state.status });
      return [{ type: 'Validated', aspect: cmd.aspect, validation: { by, at, note: optionalText(cmd.note, 'note', 2000) } }];
    }
    case 'contribute':
      requireStatus(state, BEFORE_SIZING, 'receive contributions');
      return [{ type: 'ContributionRecorded', contribution: { area: cmd.area, by, at, summary: text(cmd.summary, 'summary', 1, 2000) } }];
    case 'quotePartner': {
      requireStatus(state, BEFORE_SIZING, 'receive partner quotes');
      if (cmd.amountMinor <= 0) throw badInput('amount must be positive', 'amount');
      const items = cmd.items.map((i) => text(i, 'items', 1, 200));
      if (items.length < 1 || items.length > 100) throw badInput('items must have 1 to 100 entries', 'items');
      if (cmd.validUntil < today) throw badInput('validUntil must not be in the past', 'validUntil');
      return [
        {
          type: 'PartnerQuoteRecorded',
          quote: {
            vendor: text(cmd.vendor, 'vendor', 2, 200),
            items,
            amountMinor: cmd.amountMinor,
            currency: state.currency,
            validUntil: cmd.validUntil,
            recordedBy: by,
            recordedAt: at,
          },
        },
      ];
    }
    case 'size': {
      requireStatus(state, ['VALIDATED', 'SIZED'], 'be sized');
      const sizing = validSizing(cmd);
      checkPartnerQuoteForResale(state, today);
      const businessCase: BusinessCaseState = {
        costLines: sizing.costLines,
        oneTimePriceMinor: sizing.oneTimePriceMinor,
        monthlyPriceMinor: sizing.monthlyPriceMinor,
        termMonths: sizing.termMonths,
        ...businessCaseFigures(sizing),
        currency: state.currency,
        sizedBy: by,
        sizedAt: at,
        decision: null,
        justification: null,
        decidedBy: null,
        decidedAt: null,
      };
      return [{ type: 'Sized', businessCase }];
    }
    case 'decideBusinessCase': {
      requireStatus(state, ['SIZED'], 'get a GO / NO_GO decision');
      const justification = checkGoNoGoJustification(cmd.decision, cmd.justification);
      return [{ type: 'BusinessCaseDecided', decision: cmd.decision, justification, by, at }];
    }
    case 'submitProposal': {
      requireStatus(state, NEW_VERSION_FROM, 'receive a new proposal version');
      if (cmd.priceMinor <= 0) throw badInput('price must be positive', 'price');
      checkComplianceLeadTime(today, cmd.committedDeliveryDate, calendar);
      const proposal: ProposalVersion = {
        version: state.proposals.length + 1,
        technicalSummary: text(cmd.technicalSummary, 'technicalSummary', 1, 4000),
        economicSummary: text(cmd.economicSummary, 'economicSummary', 1, 4000),
        priceMinor: cmd.priceMinor,
        currency: state.currency,
        committedDeliveryDate: cmd.committedDeliveryDate,
        submittedBy: by,
        submittedAt: at,
        complianceReview: null,
        sentAt: null,
        clientReview: null,
      };
      return [{ type: 'ProposalSubmitted', proposal }];
    }
    case 'reviewProposal': {
      requireStatus(state, ['IN_COMPLIANCE_REVIEW'], 'be reviewed by compliance');
      const comments = cmd.outcome === 'RETURNED' ? text(cmd.comments, 'comments', 1, 4000) : optionalText(cmd.comments, 'comments', 4000);
      return [{ type: 'ProposalReviewed', version: state.proposals.length, review: { outcome: cmd.outcome, comments, by, at } }];
    }
    case 'sendProposal':
      // Only a version compliance approved can be sent.
      requireStatus(state, ['APPROVED_FOR_DELIVERY'], 'send a proposal (only an approved version can be sent)');
      return [{ type: 'ProposalSent', version: state.proposals.length, at, by }];
    case 'recordClientReview': {
      requireStatus(state, ['SENT'], 'record a client review');
      const given = { technicallyCompliant: cmd.technicallyCompliant, economicallyCompliant: cmd.economicallyCompliant, recordedBy: by, at };
      const review: ClientReview =
        cmd.technicallyCompliant && cmd.economicallyCompliant
          ? { ...given, authorized: true, comments: optionalText(cmd.comments, 'comments', 4000) }
          : { ...given, authorized: false, comments: text(cmd.comments, 'comments', 1, 4000) };
      return [{ type: 'ClientReviewed', version: state.proposals.length, review }];
    }
    case 'markLost': {
      if (!isOpen(state.status)) throw illegal(state, 'be lost', FLOW.filter(isOpen));
      const reason = text(cmd.reason, 'reason', 3, 500);
      return [{ type: 'Lost', loss: { reason, lessonsLearned: checkLessonsLearned(cmd.lessonsLearned), by, at } }];
    }
    case 'formalizeAgreement': {
      requireStatus(state, ['WON'], 'formalise a contract or NDA');
      const reference = text(cmd.reference, 'reference', 1, 200);
      if (state.agreements.some((a) => a.kind === cmd.agreementKind && a.reference === reference)) {
        throw new DomainError('already_exists', `${cmd.agreementKind} ${reference} is already recorded`);
      }
      return [{ type: 'AgreementFormalized', agreement: { kind: cmd.agreementKind, reference, signedOn: cmd.signedOn, recordedBy: by, recordedAt: at } }];
    }
  }
}

function moved(state: OpportunityState, to: OpportunityStatus, by: string, at: Date, note: string | null): OpportunityState {
  if (to === state.status) return state;
  return { ...state, status: to, history: [...state.history, { from: state.status, to, by, at, note }] };
}

function withLatest(state: OpportunityState, version: number, change: Partial<ProposalVersion>): ProposalVersion[] {
  return state.proposals.map((p) => (p.version === version ? { ...p, ...change } : p));
}

/** Apply one event. */
export function evolve(state: OpportunityState, e: OpportunityEvent): OpportunityState {
  switch (e.type) {
    case 'Validated': {
      const next = e.aspect === 'ADMINISTRATIVE' ? { ...state, administrativeValidation: e.validation } : { ...state, technicalValidation: e.validation };
      const both = next.administrativeValidation && next.technicalValidation;
      return both ? moved(next, 'VALIDATED', e.validation.by, e.validation.at, 'administrative and technical validation') : next;
    }
    case 'ContributionRecorded':
      return { ...state, contributions: [...state.contributions, e.contribution] };
    case 'PartnerQuoteRecorded':
      return { ...state, partnerQuotes: [...state.partnerQuotes, e.quote] };
    case 'Sized':
      return moved({ ...state, businessCase: e.businessCase }, 'SIZED', e.businessCase.sizedBy, e.businessCase.sizedAt, null);
    case 'BusinessCaseDecided':
      return moved(
        { ...state, businessCase: { ...state.businessCase!, decision: e.decision, justification: e.justification, decidedBy: e.by, decidedAt: e.at } },
        e.decision,
        e.by,
        e.at,
        e.justification,
      );
    case 'ProposalSubmitted':
      return moved(
        { ...state, proposals: [...state.proposals, e.proposal] },
        'IN_COMPLIANCE_REVIEW',
        e.proposal.submittedBy,
        e.proposal.submittedAt,
        `version ${e.proposal.version}`,
      );
    case 'ProposalReviewed':
      return moved(
        { ...state, proposals: withLatest(state, e.version, { complianceReview: e.review }) },
        e.review.outcome === 'APPROVED' ? 'APPROVED_FOR_DELIVERY' : 'RETURNED_BY_COMPLIANCE',
        e.review.by,
        e.review.at,
        e.review.comments,
      );
    case 'ProposalSent':
      return moved({ ...state, proposals: withLatest(state, e.version, { sentAt: e.at }) }, 'SENT', e.by, e.at, `version ${e.version}`);
    case 'ClientReviewed': {
      const next = { ...state, proposals: withLatest(state, e.version, { clientReview: e.review }) };
      return e.review.authorized
        ? moved({ ...next, wonAt: e.review.at }, 'WON', e.review.recordedBy, e.review.at, 'client AUTHORIZED the proposal')
        : moved(next, 'CLIENT_COMMENTS', e.review.recordedBy, e.review.at, e.review.comments);
    }
    case 'Lost':
      return moved({ ...state, loss: e.loss }, 'LOST', e.loss.by, e.loss.at, e.loss.reason);
    case 'AgreementFormalized':
      return { ...state, agreements: [...state.agreements, e.agreement] };
  }
}

/** Decide and apply: the events and the state after them. */
export function execute(state: OpportunityState, cmd: OpportunityCommand, meta: Meta): { events: OpportunityEvent[]; state: OpportunityState } {
  const events = decide(state, cmd, meta);
  return { events, state: events.reduce(evolve, state) };
}

/** A new opportunity qualified from a lead. */
export function qualify(input: { title: string; requirementType: RequirementType; serviceLines?: ServiceLine[] | null; currency: string }, meta: Meta) {
  const title = text(input.title, 'title', 3, 200).replace(/\s+/g, ' ');
  const serviceLines = [...new Set(input.serviceLines ?? [])];
  const state: OpportunityState = {
    status: 'QUALIFIED',
    requirementType: input.requirementType,
    currency: input.currency,
    administrativeValidation: null,
    technicalValidation: null,
    contributions: [],
    partnerQuotes: [],
    businessCase: null,
    proposals: [],
    wonAt: null,
    loss: null,
    agreements: [],
    history: [{ from: null, to: 'QUALIFIED', by: meta.by, at: meta.at, note: null }],
  };
  return { title, serviceLines, state };
}
