import { DomainError } from './codes';

/**
 * "Errors that teach" (issue 15): an act tried in a state that does not allow it is a
 * FAILED_PRECONDITION — the caller must do something else first — never a CONFLICT (that code means a
 * version clash or a duplicate, where reloading or stopping is the answer). The error says where the
 * entity is (`currentStatus`), where the act is allowed from (`allowedFrom`) and, when one act leads
 * there, the act to take first (`nextAct`, a mutation name).
 */
export interface WrongState {
  /** What the entity is, in the words of the message: "sale project", "post-sale request". */
  entity: string;
  /** Its current status. */
  current: string;
  /** The act tried, as a verb phrase: "be accepted", "have an order entered". */
  act: string;
  /** The statuses from which the act is allowed (empty: from none the entity can still reach). */
  allowedFrom: readonly string[];
  /** The act that must come first (a mutation name), when there is one. */
  nextAct?: string | null;
  /** Why, when more than the status (e.g. "its offer expired on 2026-11-30; make a new offer"). */
  reason?: string;
  /** A business number naming the entity in the message (order number, account number). */
  label?: string;
  rule?: string;
}

export function wrongState(w: WrongState): DomainError {
  const who = w.label ? `${w.entity} ${w.label}` : `A ${w.entity}`;
  const allowed = w.allowedFrom.length ? ` (allowed from ${w.allowedFrom.join(', ')})` : '';
  const why = w.reason ? `: ${w.reason}` : '';
  const first = w.nextAct ? `; first: ${w.nextAct}` : '';
  return new DomainError('illegal_transition', `${who} in ${w.current} cannot ${w.act}${allowed}${why}${first}`, {
    currentStatus: w.current,
    allowedFrom: [...w.allowedFrom],
    nextAct: w.nextAct ?? null,
    ...(w.rule ? { rule: w.rule } : {}),
  });
}

/**
 * A state machine's guide: for each status, the act that moves it forward (the usual next step).
 * `nextActFor` answers "what must come first" when an act is tried too early; none when the entity is
 * past the act (closed, lost, already done) — going forward cannot help then.
 */
export type NextActs<S extends string> = Partial<Record<S, string>>;

export function nextActFor<S extends string>(guide: NextActs<S>, current: S, allowedFrom: readonly S[], order: readonly S[]): string | null {
  const at = order.indexOf(current);
  const reachable = allowedFrom.some((s) => order.indexOf(s) > at);
  return at >= 0 && reachable ? (guide[current] ?? null) : null;
}

/**
 * "Not known yet": a lookup in a read model fed by another subgraph's events found nothing, but the
 * fact may simply not have arrived (right after a registration). NOT_FOUND with `retryable: true`, so
 * a client retries after a moment instead of showing a refusal.
 */
export function notKnownYet(what: string, id: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('not_found', `${what} ${id} is not known here yet; if it was just registered, retry in a few seconds`, {
    ...details,
    retryable: true,
  });
}
