import { badInput, DomainError, nextActFor, ruleViolated, wrongState, type NextActs, type GeoPoint, type StatusChangeDoc } from '@vinculo/common';
import type { FeasibilityRecord } from './feasibility';
import { addDays, optionalText, text } from './text';
import { checkServiceInstalled, type SalesOrderStatus } from './sales-order';

/**
 * A digital sale request (DOMAIN.md §2) as a pure state machine.
 *
 *   CALLBACK_PENDING (lost call) ─(called back)→ RECEIVED
 *   RECEIVED ─(impediment check, R-DIG-1)→ CLEARED | NOT_FEASIBLE (step 7)
 *   CLEARED ─(capacity check, R-DIG-2)→ FEASIBLE | NOT_FEASIBLE (step 7)
 *   FEASIBLE ─(requirements received, attachments)→ REQUIREMENTS_RECEIVED
 *   REQUIREMENTS_RECEIVED ─(order entered, ETA told)→ ORDER_ENTERED ─(follow-up)→ FOLLOWED_UP
 *   ORDER_ENTERED | FOLLOWED_UP ─(satisfaction call, order INSTALLED: R-DIG-3)→ CLOSED (SATISFIED: the order COMPLETED,
 *                               activated) | FOLLOWED_UP (NOT_SATISFIED: the order back to technical follow-up)
 *   any open status ─(closed with the reason told to the customer)→ NOT_FEASIBLE
 */
export const DIGITAL_CHANNELS = ['PHONE_IVR', 'WEB', 'BOT', 'FACEBOOK', 'WHATSAPP'] as const;
export type DigitalChannel = (typeof DIGITAL_CHANNELS)[number];

export type DigitalSaleStatus =
  'CALLBACK_PENDING' | 'RECEIVED' | 'CLEARED' | 'FEASIBLE' | 'REQUIREMENTS_RECEIVED' | 'ORDER_ENTERED' | 'FOLLOWED_UP' | 'CLOSED' | 'NOT_FEASIBLE';

/** Statuses at or after the order entry (R-DIG-KPI "reached ORDER_ENTERED or later"). */
export const ORDER_ENTERED_OR_LATER: readonly DigitalSaleStatus[] = ['ORDER_ENTERED', 'FOLLOWED_UP', 'CLOSED'];

export interface Attachment {
  /** The customer's uploaded file (issue #16); absent on requirements received before files were kept. */
  attachmentId?: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  document: string;
  receivedAt: Date;
}

export interface Eligibility {
  eligible: boolean;
  reasons: { kind: string; detail: string }[];
}

/**
 * The customer's eligibility as sales' read model knows it; null when the read model has not heard of
 * the customer yet (customers.CustomerRegistered / EligibilityChanged still on their way).
 */
export type KnownEligibility = Eligibility | null;

export interface DigitalSaleState {
  status: DigitalSaleStatus;
  channel: DigitalChannel;
  identityCard: string;
  customerId: string | null;
  planCode: string;
  installationAddress: string | null;
  location: GeoPoint | null;
  impediments: { kind: string; detail: string }[];
  feasibility: FeasibilityRecord | null;
  attachments: Attachment[];
  orderId: string | null;
  eta: { fromDay: string; toDay: string } | null;
  followUps: { note: string; by: string; at: Date }[];
  satisfaction: { outcome: 'SATISFIED' | 'NOT_SATISFIED'; note: string | null } | null;
  notFeasibleReason: string | null;
  history: StatusChangeDoc[];
}

export interface Meta {
  by: string;
  at: Date;
  today: string;
}

export type DigitalSaleCommand =
  | { kind: 'callBack' }
  | { kind: 'checkImpediments'; customerId: string; eligibility: KnownEligibility }
  | { kind: 'checkCapacity'; installationAddress: string; location: GeoPoint; result: FeasibilityRecord }
  | { kind: 'receiveRequirements'; attachments: Omit<Attachment, 'receivedAt'>[] }
  | { kind: 'enterOrder'; orderId: string; eligibility: KnownEligibility; etaMinDays: number; etaMaxDays: number }
  | { kind: 'followUp'; note: string }
  | { kind: 'satisfactionCall'; outcome: 'SATISFIED' | 'NOT_SATISFIED'; note?: string | null; orderStatus: SalesOrderStatus | null }
  | { kind: 'closeNotFeasible'; reason: string };

/** The life cycle in order, and the act that moves each status forward (what must come first). */
const FLOW: readonly DigitalSaleStatus[] = [
  'CALLBACK_PENDING',
  'RECEIVED',
  'CLEARED',
  'FEASIBLE',
  'REQUIREMENTS_RECEIVED',
  'ORDER_ENTERED',
  'FOLLOWED_UP',
  'CLOSED',
];
const NEXT_ACT: NextActs<DigitalSaleStatus> = {
  CALLBACK_PENDING: 'recordDigitalSaleCallback',
  RECEIVED: 'checkDigitalSaleImpediments',
  CLEARED: 'checkDigitalSaleCapacity',
  FEASIBLE: 'receiveDigitalSaleRequirements',
  REQUIREMENTS_RECEIVED: 'enterDigitalSaleOrder',
  ORDER_ENTERED: 'recordDigitalSatisfactionCall',
};

const illegal = (s: DigitalSaleState, act: string, allowedFrom: readonly DigitalSaleStatus[], reason?: string) =>
  wrongState({ entity: 'digital sale request', current: s.status, act, allowedFrom, reason, nextAct: nextActFor(NEXT_ACT, s.status, allowedFrom, FLOW) });

const CLOSED: readonly DigitalSaleStatus[] = ['CLOSED', 'NOT_FEASIBLE'];

/**
 * R-DIG-1 fails closed: an eligibility sales has not heard of is not "no impediment". The refusal says
 * the data is still arriving (`reason: STILL_ARRIVING`), so the agent tries again shortly.
 */
export function knownEligibility(e: KnownEligibility): Eligibility {
  if (e) return e;
  throw new DomainError(
    'rule_violated',
    "The customer's eligibility (impediments, standing) is still arriving from the customers subgraph: try again shortly",
    {
      rule: 'R-DIG-1',
      reason: 'STILL_ARRIVING',
      // Read-model lag, not a refusal: the same act succeeds once the customer's facts arrive.
      retryable: true,
    },
  );
}

/** R-DIG-1: the customer has no impediment (risk registry, overdue debt, equipment pending return). */
export function impedimentsOf(known: KnownEligibility): { kind: string; detail: string }[] {
  const e = knownEligibility(known);
  return e.eligible ? [] : e.reasons.length ? e.reasons.map((r) => ({ kind: r.kind, detail: r.detail })) : [{ kind: 'OTHER', detail: 'not eligible' }];
}

export function checkNoImpediment(e: KnownEligibility): void {
  const found = impedimentsOf(e);
  if (found.length) throw ruleViolated('R-DIG-1', `The customer has an impediment: ${found.map((r) => `${r.kind} (${r.detail})`).join('; ')}`);
}

/** R-DIG-2: technical capacity at the address was checked and found. */
export function checkCapacityFound(f: FeasibilityRecord | null): void {
  if (!f) throw ruleViolated('R-DIG-2', 'Technical capacity at the address must be checked first');
  if (!f.feasible) throw ruleViolated('R-DIG-2', `No technical capacity at the address (${f.reason}): ${f.detail}`);
}

/** Before each step, the earlier checks: R-DIG-1 then R-DIG-2 (skipping a step is a rule violation). */
function requireChecksUpTo(s: DigitalSaleState, step: 'capacity' | 'requirements'): void {
  if (CLOSED.includes(s.status) || s.status === 'CALLBACK_PENDING')
    throw illegal(
      s,
      step === 'capacity' ? 'have its capacity checked' : 'go on',
      step === 'capacity' ? ['CLEARED', 'FEASIBLE'] : ['FEASIBLE', 'REQUIREMENTS_RECEIVED'],
    );
  if (s.status === 'RECEIVED') throw ruleViolated('R-DIG-1', 'The impediment check must be done first');
  if (step === 'requirements') checkCapacityFound(s.feasibility);
}

/** Step 5: the estimated execution time told to the customer (tenant policy, default 2–15 days). */
export const estimatedExecution = (today: string, minDays: number, maxDays: number) => ({ fromDay: addDays(today, minDays), toDay: addDays(today, maxDays) });

const move = (s: DigitalSaleState, to: DigitalSaleStatus, m: Meta, note: string | null, patch: Partial<DigitalSaleState> = {}): DigitalSaleState => ({
  ...s,
  ...patch,
  status: to,
  history: [...s.history, { from: s.status, to, by: m.by, at: m.at, note }],
});

/** Apply a command: the new state (the change, with its history entry) or a DomainError. */
export function changeDigitalSale(s: DigitalSaleState, cmd: DigitalSaleCommand, m: Meta): DigitalSaleState {
  switch (cmd.kind) {
    case 'callBack':
      if (s.status !== 'CALLBACK_PENDING') throw illegal(s, 'be called back', ['CALLBACK_PENDING']);
      return move(s, 'RECEIVED', m, 'lost call returned');
    case 'checkImpediments': {
      if (s.status !== 'RECEIVED') throw illegal(s, 'have its impediments checked', ['RECEIVED']);
      const impediments = impedimentsOf(cmd.eligibility);
      if (impediments.length) {
        const reason = `Impediment: ${impediments.map((r) => `${r.kind} (${r.detail})`).join('; ')}. Please visit an office.`;
        return move(s, 'NOT_FEASIBLE', m, reason, { customerId: cmd.customerId, impediments, notFeasibleReason: reason });
      }
      return move(s, 'CLEARED', m, 'no impediment', { customerId: cmd.customerId, impediments: [] });
    }
    case 'checkCapacity': {
      requireChecksUpTo(s, 'capacity');
      if (s.status !== 'CLEARED' && s.status !== 'FEASIBLE') throw illegal(s, 'have its capacity checked', ['CLEARED', 'FEASIBLE']);
      const address = text(cmd.installationAddress, 'installationAddress', 5, 300);
      if (!cmd.result.feasible) {
        const reason = `No technical capacity (${cmd.result.reason}): ${cmd.result.detail}. Please visit an office.`;
        return move(s, 'NOT_FEASIBLE', m, reason, { installationAddress: address, location: cmd.location, feasibility: cmd.result, notFeasibleReason: reason });
      }
      return move(s, 'FEASIBLE', m, `node ${cmd.result.nodeId ?? 'none needed'}`, {
        installationAddress: address,
        location: cmd.location,
        feasibility: cmd.result,
      });
    }
    case 'receiveRequirements': {
      requireChecksUpTo(s, 'requirements');
      if (s.status !== 'FEASIBLE' && s.status !== 'REQUIREMENTS_RECEIVED') throw illegal(s, 'receive requirements', ['FEASIBLE', 'REQUIREMENTS_RECEIVED']);
      if (cmd.attachments.length < 1 || cmd.attachments.length > 20) throw badInput('attachments must have 1 to 20 entries', 'attachments');
      const received = cmd.attachments.map((a) => {
        if (!Number.isInteger(a.sizeBytes) || a.sizeBytes <= 0 || a.sizeBytes > 25_000_000) throw badInput('sizeBytes must be 1 to 25000000', 'sizeBytes');
        return {
          ...(a.attachmentId ? { attachmentId: a.attachmentId } : {}),
          name: text(a.name, 'name', 1, 200),
          mediaType: text(a.mediaType, 'mediaType', 3, 100),
          sizeBytes: a.sizeBytes,
          document: text(a.document, 'document', 2, 60).toUpperCase(),
          receivedAt: m.at,
        };
      });
      return move(s, 'REQUIREMENTS_RECEIVED', m, `${received.length} attachment(s)`, { attachments: [...s.attachments, ...received] });
    }
    case 'enterOrder': {
      requireChecksUpTo(s, 'requirements');
      if (s.status !== 'REQUIREMENTS_RECEIVED') throw illegal(s, 'have its order entered', ['REQUIREMENTS_RECEIVED']);
      checkNoImpediment(cmd.eligibility);
      const eta = estimatedExecution(m.today, cmd.etaMinDays, cmd.etaMaxDays);
      return move(s, 'ORDER_ENTERED', m, `order ${cmd.orderId}; ETA ${eta.fromDay} to ${eta.toDay}`, { orderId: cmd.orderId, eta });
    }
    case 'followUp':
      if (s.status !== 'ORDER_ENTERED' && s.status !== 'FOLLOWED_UP') throw illegal(s, 'be followed up', ['ORDER_ENTERED', 'FOLLOWED_UP']);
      {
        const note = text(cmd.note, 'note', 2, 2000);
        return move(s, 'FOLLOWED_UP', m, note, { followUps: [...s.followUps, { note, by: m.by, at: m.at }] });
      }
    case 'satisfactionCall': {
      if (s.status !== 'ORDER_ENTERED' && s.status !== 'FOLLOWED_UP') throw illegal(s, 'get a satisfaction call', ['ORDER_ENTERED', 'FOLLOWED_UP']);
      // R-DIG-3: the call confirms the installed service (step 6 / seed 001 step 13), never before.
      checkServiceInstalled(s.orderId ?? 'none', cmd.orderStatus);
      if (cmd.orderStatus === 'COMPLETED' && cmd.outcome !== 'SATISFIED') throw illegal(s, 'be found not satisfied', [], 'its order is already COMPLETED');
      const satisfaction = { outcome: cmd.outcome, note: optionalText(cmd.note, 'note', 2000) };
      // Not satisfied: the order goes back to technical follow-up and the request stays open for the next call.
      return move(s, cmd.outcome === 'SATISFIED' ? 'CLOSED' : 'FOLLOWED_UP', m, `satisfaction call: ${cmd.outcome}`, { satisfaction });
    }
    case 'closeNotFeasible': {
      if (CLOSED.includes(s.status) || ORDER_ENTERED_OR_LATER.includes(s.status))
        throw illegal(s, 'be closed as not feasible', ['CALLBACK_PENDING', 'RECEIVED', 'CLEARED', 'FEASIBLE', 'REQUIREMENTS_RECEIVED']);
      const reason = text(cmd.reason, 'reason', 3, 2000);
      return move(s, 'NOT_FEASIBLE', m, reason, { notFeasibleReason: reason });
    }
  }
}

const CARD = /^[0-9A-Z-]{4,20}$/;

/** A request as received (§2 step 1): channel, service wanted, identity card; a lost call waits for the callback. */
export function receiveRequest(
  input: { channel: DigitalChannel; identityCard: string; planCode: string; lostCall?: boolean | null },
  m: Pick<Meta, 'by' | 'at'>,
): DigitalSaleState {
  const identityCard = input.identityCard.trim().toUpperCase();
  if (!CARD.test(identityCard)) throw badInput('identityCard must be 4 to 20 digits, letters or -', 'identityCard');
  const status: DigitalSaleStatus = input.lostCall ? 'CALLBACK_PENDING' : 'RECEIVED';
  if (input.lostCall && input.channel !== 'PHONE_IVR') throw badInput('only a PHONE_IVR call can be a lost call', 'lostCall');
  return {
    status,
    channel: input.channel,
    identityCard,
    customerId: null,
    planCode: input.planCode,
    installationAddress: null,
    location: null,
    impediments: [],
    feasibility: null,
    attachments: [],
    orderId: null,
    eta: null,
    followUps: [],
    satisfaction: null,
    notFeasibleReason: null,
    history: [{ from: null, to: status, by: m.by, at: m.at, note: input.channel }],
  };
}
