import { addDays, badInput } from '@vinculo/common';

export type PromiseStatus = 'PENDING' | 'KEPT' | 'BROKEN';

export interface PromiseInput {
  promisedDate: string;
  amountMinor: number;
  note: string | null;
}

/** A payment promise (compromiso de pago): a date on or after today, a positive amount. */
export function decidePromise(input: PromiseInput, today: string): PromiseInput {
  if (input.promisedDate < today) throw badInput('promisedDate must not be in the past', 'promisedDate');
  if (!Number.isInteger(input.amountMinor) || input.amountMinor <= 0) throw badInput('amount must be positive', 'amount');
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw badInput('note must have at most 500 characters', 'note');
  return { ...input, note };
}

/**
 * R-COL-I1 a pending promise is KEPT as soon as the payments received since it was made, up to and
 * including the promised date, reach the promised amount; BROKEN once the promised date has passed
 * (tenant calendar) without that; otherwise still PENDING (null: no change).
 */
export function evaluatePromise(
  promise: { status: PromiseStatus; promisedDate: string; amountMinor: number },
  paidMinor: number,
  today: string,
): 'KEPT' | 'BROKEN' | null {
  if (promise.status !== 'PENDING') return null;
  if (paidMinor >= promise.amountMinor) return 'KEPT';
  if (today > promise.promisedDate) return 'BROKEN';
  return null;
}

/** R-COL-I1 weekly follow-up: the next follow-up date after `madeOn`, every `everyDays` days, never after the promised date. */
export function nextFollowUp(madeOn: string, promisedDate: string, everyDays: number): string {
  const next = addDays(madeOn, everyDays);
  return next < promisedDate ? next : promisedDate;
}
