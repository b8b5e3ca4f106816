import { badInput, money, nextActFor, ruleViolated, wrongState, type NextActs, type StatusChangeDoc } from '@vinculo/common';
import type { PricedLine } from './catalog';
import { optionalText } from './text';

/**
 * The sales order (solicitud de pedido, DOMAIN.md §1 A6–A8, §2 step 5) as a pure state machine.
 *
 *   ENTERED ─(entry quality control, R-SAL-3)→ PLACED (sales.SalesOrderPlaced → installation) | RETURNED
 *   RETURNED ─(clerk corrects the entry)→ ENTERED
 *   PLACED | TECHNICAL_FOLLOW_UP ─(INSTALLATION work order closed)→ INSTALLED (CLOSED_RESOLVED) | TECHNICAL_FOLLOW_UP (otherwise)
 *   INSTALLED ─(completion call)→ COMPLETED (OK, sales.SalesOrderActivated) | TECHNICAL_FOLLOW_UP (NOT_OK)
 *
 * The completion call is the channel's (R-DIG-3): the executive's quality-control call (A8) for a
 * business or direct order, the digital sales agent's satisfaction call (§2 step 6) for a digital
 * sale's order. TECHNICAL_FOLLOW_UP goes on when a new INSTALLATION work order linked to the order
 * (techsupport createWorkOrder with salesOrderId) is closed: the same closure as the first one.
 *
 * `placeSalesOrder` (a known customer, one plan, an address) is the direct path: it starts PLACED.
 */
export type SalesOrderStatus = 'ENTERED' | 'RETURNED' | 'PLACED' | 'TECHNICAL_FOLLOW_UP' | 'INSTALLED' | 'COMPLETED';
export type OrderOrigin = 'SALE_PROJECT' | 'DIGITAL_SALE' | 'DIRECT';
export type WorkOrderOutcome = 'CLOSED_RESOLVED' | 'CLOSED_UNFOUNDED' | 'CLOSED_UNRESOLVED';

export interface OrderInput {
  planCode: string;
  installationAddress: string;
}

const PLAN_CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;

/** Validate a direct order as entered by the clerk; a direct order starts PLACED. */
export function decideOrder(input: OrderInput): { planCode: string; installationAddress: string; status: SalesOrderStatus } {
  const planCode = input.planCode.trim().toUpperCase();
  if (!PLAN_CODE.test(planCode)) throw badInput('planCode must be 2 to 32 letters, digits, - or _', 'planCode');
  const installationAddress = input.installationAddress.trim().replace(/\s+/g, ' ');
  if (installationAddress.length < 5 || installationAddress.length > 300) {
    throw badInput('installationAddress must have 5 to 300 characters', 'installationAddress');
  }
  return { planCode, installationAddress, status: 'PLACED' };
}

/** One line as the clerk typed it (digitación): the plan, promotion and the prices entered. */
export interface EnteredLine {
  planCode: string;
  promotionCode: string | null;
  monthlyFeeMinor: number;
  installationCostMinor: number;
}

export interface EntryCheck {
  passed: boolean;
  differences: string[];
  by: string;
  at: Date;
}

export interface WorkOrderClosure {
  workOrderId: string;
  outcome: WorkOrderOutcome;
  at: Date;
  eventId: string;
}

export interface QualityCall {
  outcome: 'OK' | 'NOT_OK';
  note: string | null;
  by: string;
  at: Date;
}

export interface SalesOrderState {
  status: SalesOrderStatus;
  currency: string;
  installationAddress: string;
  acceptedLines: PricedLine[];
  enteredLines: EnteredLine[];
  requirementDocuments: string[];
  entryChecks: EntryCheck[];
  workOrders: WorkOrderClosure[];
  serviceNumber: string | null;
  qualityCall: QualityCall | null;
  history: StatusChangeDoc[];
}

/** Documents an order needs (requisitos), by customer kind. */
export const REQUIRED_DOCUMENTS: Readonly<Record<string, readonly string[]>> = {
  BUSINESS: ['REQUEST_LETTER', 'TAX_ID', 'LEGAL_REPRESENTATIVE_ID', 'POWER_OF_ATTORNEY'],
  PERSON: ['REQUEST_LETTER', 'IDENTITY_CARD'],
};

/**
 * Requirements (R-SAL-2 "requirements must be verified"; §2 step 4 for digital sales): every document
 * the customer kind needs is present, else the rule is violated naming what is missing.
 */
export function checkRequirements(rule: string, customerKind: string, presented: readonly string[]): string[] {
  const docs = [...new Set(presented.map((d) => d.trim().toUpperCase()).filter(Boolean))];
  const missing = (REQUIRED_DOCUMENTS[customerKind] ?? REQUIRED_DOCUMENTS.PERSON!).filter((d) => !docs.includes(d));
  if (missing.length) throw ruleViolated(rule, `Requirements incomplete: missing ${missing.join(', ')}`);
  return docs;
}

const sortLines = <T extends { planCode: string; promotionCode: string | null }>(ls: readonly T[]): T[] =>
  [...ls].sort((a, b) => a.planCode.localeCompare(b.planCode) || (a.promotionCode ?? '').localeCompare(b.promotionCode ?? ''));

/**
 * R-SAL-3 entry quality control: the order as entered must equal the accepted offer — same plans,
 * promotions, monthly fees and installation costs (to the cent) and the same address. Returns the
 * differences (empty = passed), in words the clerk can act on.
 */
export function entryDifferences(
  accepted: { lines: readonly PricedLine[]; installationAddress: string },
  entered: { lines: readonly EnteredLine[]; installationAddress: string },
  currency: string,
): string[] {
  const fmt = (m: number) => money(m, currency).amount;
  const diffs: string[] = [];
  if (accepted.installationAddress !== entered.installationAddress) {
    diffs.push(`installation address: entered "${entered.installationAddress}", accepted "${accepted.installationAddress}"`);
  }
  const a = sortLines(accepted.lines);
  const e = sortLines(entered.lines);
  if (a.length !== e.length) diffs.push(`lines: entered ${e.length}, accepted ${a.length}`);
  for (let i = 0; i < Math.min(a.length, e.length); i++) {
    const [x, y] = [a[i]!, e[i]!];
    const n = `line ${i + 1}`;
    if (x.planCode !== y.planCode) diffs.push(`${n} plan: entered ${y.planCode}, accepted ${x.planCode}`);
    if (x.promotionCode !== y.promotionCode) diffs.push(`${n} promotion: entered ${y.promotionCode ?? 'none'}, accepted ${x.promotionCode ?? 'none'}`);
    if (x.monthlyFeeMinor !== y.monthlyFeeMinor) diffs.push(`${n} monthly fee: entered ${fmt(y.monthlyFeeMinor)}, accepted ${fmt(x.monthlyFeeMinor)}`);
    if (x.installationCostMinor !== y.installationCostMinor) {
      diffs.push(`${n} installation cost: entered ${fmt(y.installationCostMinor)}, accepted ${fmt(x.installationCostMinor)}`);
    }
  }
  return diffs;
}

export function validEnteredLines(lines: readonly EnteredLine[]): EnteredLine[] {
  if (lines.length < 1 || lines.length > 20) throw badInput('lines must have 1 to 20 entries', 'lines');
  for (const l of lines) {
    if (!Number.isInteger(l.monthlyFeeMinor) || l.monthlyFeeMinor < 0) throw badInput('monthlyFee must be zero or positive', 'monthlyFee');
    if (!Number.isInteger(l.installationCostMinor) || l.installationCostMinor < 0)
      throw badInput('installationCost must be zero or positive', 'installationCost');
  }
  return lines.map((l) => ({
    planCode: l.planCode.trim().toUpperCase(),
    promotionCode: l.promotionCode?.trim().toUpperCase() || null,
    monthlyFeeMinor: l.monthlyFeeMinor,
    installationCostMinor: l.installationCostMinor,
  }));
}

export interface Meta {
  by: string;
  at: Date;
}

export type OrderCommand =
  | { kind: 'checkEntry' }
  | { kind: 'correctEntry'; lines: EnteredLine[]; installationAddress: string }
  | { kind: 'workOrderClosed'; workOrderId: string; outcome: WorkOrderOutcome; serviceNumber: string | null; eventId: string }
  | { kind: 'qualityCall'; outcome: 'OK' | 'NOT_OK'; note?: string | null };

export type OrderEvent =
  | { type: 'EntryChecked'; check: EntryCheck }
  | { type: 'EntryCorrected'; lines: EnteredLine[]; installationAddress: string; by: string; at: Date }
  | { type: 'WorkOrderClosed'; closure: WorkOrderClosure; serviceNumber: string | null; by: string }
  | { type: 'QualityCallRecorded'; call: QualityCall };

/** The life cycle in order, and the act that moves each status forward (what must come first). */
const ORDER_FLOW: readonly SalesOrderStatus[] = ['ENTERED', 'RETURNED', 'PLACED', 'TECHNICAL_FOLLOW_UP', 'INSTALLED', 'COMPLETED'];
const NEXT_ACT: NextActs<SalesOrderStatus> = {
  ENTERED: 'checkSalesOrderEntry',
  RETURNED: 'correctSalesOrderEntry',
  // Installation is the field's: the INSTALLATION work order closed resolved (techsupport).
  PLACED: 'closeWorkOrder',
  TECHNICAL_FOLLOW_UP: 'closeWorkOrder',
  INSTALLED: 'recordSalesQualityCall',
};

const illegal = (s: SalesOrderState, act: string, allowedFrom: readonly SalesOrderStatus[]) =>
  wrongState({ entity: 'sales order', current: s.status, act, allowedFrom, nextAct: nextActFor(NEXT_ACT, s.status, allowedFrom, ORDER_FLOW) });

export function decideOrderChange(state: SalesOrderState, cmd: OrderCommand, meta: Meta): OrderEvent[] {
  const { by, at } = meta;
  switch (cmd.kind) {
    case 'checkEntry': {
      if (state.status === 'RETURNED') {
        // R-SAL-3: a returned entry goes on only once corrected to equal the accepted offer.
        const last = state.entryChecks.at(-1)?.differences ?? [];
        throw ruleViolated('R-SAL-3', `The order as entered differs from the accepted offer; correct it first: ${last.join('; ')}`);
      }
      if (state.status !== 'ENTERED') throw illegal(state, 'go through entry quality control', ['ENTERED']);
      const differences = entryDifferences(
        { lines: state.acceptedLines, installationAddress: state.installationAddress },
        { lines: state.enteredLines, installationAddress: state.installationAddress },
        state.currency,
      );
      return [{ type: 'EntryChecked', check: { passed: differences.length === 0, differences, by, at } }];
    }
    case 'correctEntry':
      if (state.status !== 'RETURNED') throw illegal(state, 'have its entry corrected', ['RETURNED']);
      return [{ type: 'EntryCorrected', lines: validEnteredLines(cmd.lines), installationAddress: state.installationAddress, by, at }];
    case 'workOrderClosed':
      if (state.workOrders.some((w) => w.eventId === cmd.eventId)) return [];
      if (state.status !== 'PLACED' && state.status !== 'TECHNICAL_FOLLOW_UP')
        throw illegal(state, 'have its installation closed', ['PLACED', 'TECHNICAL_FOLLOW_UP']);
      return [
        {
          type: 'WorkOrderClosed',
          closure: { workOrderId: cmd.workOrderId, outcome: cmd.outcome, at, eventId: cmd.eventId },
          serviceNumber: cmd.serviceNumber,
          by,
        },
      ];
    case 'qualityCall':
      if (state.status !== 'INSTALLED') throw illegal(state, 'get a quality-control call', ['INSTALLED']);
      return [{ type: 'QualityCallRecorded', call: { outcome: cmd.outcome, note: optionalText(cmd.note, 'note', 2000), by, at } }];
  }
}

const moved = (s: SalesOrderState, to: SalesOrderStatus, by: string, at: Date, note: string | null): SalesOrderState => ({
  ...s,
  status: to,
  history: [...s.history, { from: s.status, to, by, at, note }],
});

export function evolveOrder(s: SalesOrderState, e: OrderEvent): SalesOrderState {
  switch (e.type) {
    case 'EntryChecked':
      return moved(
        { ...s, entryChecks: [...s.entryChecks, e.check] },
        e.check.passed ? 'PLACED' : 'RETURNED',
        e.check.by,
        e.check.at,
        e.check.passed ? 'entry matches the accepted offer' : e.check.differences.join('; '),
      );
    case 'EntryCorrected':
      return moved({ ...s, enteredLines: e.lines, installationAddress: e.installationAddress }, 'ENTERED', e.by, e.at, 'entry corrected');
    case 'WorkOrderClosed':
      return moved(
        { ...s, workOrders: [...s.workOrders, e.closure], serviceNumber: e.serviceNumber ?? s.serviceNumber },
        e.closure.outcome === 'CLOSED_RESOLVED' ? 'INSTALLED' : 'TECHNICAL_FOLLOW_UP',
        e.by,
        e.closure.at,
        `work order ${e.closure.workOrderId} ${e.closure.outcome}`,
      );
    case 'QualityCallRecorded':
      return moved(
        { ...s, qualityCall: e.call },
        e.call.outcome === 'OK' ? 'COMPLETED' : 'TECHNICAL_FOLLOW_UP',
        e.call.by,
        e.call.at,
        e.call.note ?? `quality call ${e.call.outcome}`,
      );
  }
}

/** The two calls that complete an order, one per channel. */
export type CompletionCall = 'QUALITY_CALL' | 'SATISFACTION_CALL';

/**
 * R-DIG-3 (with A8): each channel completes its orders by its own call. A digital sale's order is the
 * digital sales agent's to complete (seed 001 step 13, the satisfaction call); every other order is
 * completed by the executive's quality-control call.
 */
export function checkCompletionCall(origin: OrderOrigin | null | undefined, call: CompletionCall): void {
  const digital = origin === 'DIGITAL_SALE';
  if (digital && call === 'QUALITY_CALL') {
    throw ruleViolated(
      'R-DIG-3',
      "A digital sale's order is completed by the digital sales agent's satisfaction call (recordDigitalSatisfactionCall on its request), not by a quality-control call",
    );
  }
  if (!digital && call === 'SATISFACTION_CALL') throw ruleViolated('R-DIG-3', 'Only the order of a digital sale gets a satisfaction call');
}

/**
 * R-DIG-3: the satisfaction call confirms that the installed service works, so it needs the order
 * INSTALLED (COMPLETED when it only finishes a call whose order write already went through).
 */
export function checkServiceInstalled(orderId: string, status: SalesOrderStatus | null): void {
  if (status === 'INSTALLED' || status === 'COMPLETED') return;
  const why =
    status === 'TECHNICAL_FOLLOW_UP'
      ? 'its installation did not succeed; a new INSTALLATION work order linked to the order must be closed resolved first'
      : status
        ? 'the service is not installed yet (its INSTALLATION work order is not closed resolved)'
        : 'the order is not known';
  throw ruleViolated('R-DIG-3', `The satisfaction call confirms the installed service: order ${orderId} is ${status ?? 'missing'}, ${why}`);
}

export function executeOrder(state: SalesOrderState, cmd: OrderCommand, meta: Meta): { events: OrderEvent[]; state: SalesOrderState } {
  const events = decideOrderChange(state, cmd, meta);
  return { events, state: events.reduce(evolveOrder, state) };
}

/** The installed products of sales.SalesOrderActivated: one per accepted line. */
export function activationItems(orderId: string, lines: readonly PricedLine[], serviceNumber: string | null) {
  return lines.map((l, i) => ({
    itemId: `${orderId}-${i + 1}`,
    planCode: l.planCode,
    family: l.family,
    ...(l.technology ? { technology: l.technology } : {}),
    ...(l.speedMbps != null ? { speedMbps: l.speedMbps } : {}),
    monthlyFeeMinor: l.monthlyFeeMinor,
    ...(serviceNumber && i === 0 ? { serviceNumber } : {}),
    supplementaryServices: l.supplementaryServices ?? [],
    minimumPermanenceMonths: l.minimumPermanenceMonths ?? 0,
  }));
}
