import { addDays, badInput, forbidden, weekStart } from '@vinculo/common';
import { nextFollowUp } from './payment-promise';

/** §3 I: pro-forma invoices are sent by e-mail, WhatsApp or on paper. */
export type DeliveryChannel = 'EMAIL' | 'WHATSAPP' | 'PAPER';
export const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ['EMAIL', 'WHATSAPP', 'PAPER'];

/** Collection-call protocol outcomes (§3 I "collection calls by protocol"). */
export type CallOutcome = 'PROMISED_TO_PAY' | 'CLAIMS_PAID' | 'DISPUTED' | 'REFUSED' | 'NO_ANSWER' | 'WRONG_CONTACT' | 'CALL_BACK';
export const CALL_OUTCOMES: readonly CallOutcome[] = ['PROMISED_TO_PAY', 'CLAIMS_PAID', 'DISPUTED', 'REFUSED', 'NO_ANSWER', 'WRONG_CONTACT', 'CALL_BACK'];

/** An optional free-text note: trimmed, empty → null, at most 500 characters. */
export function validNote(note: string | null | undefined): string | null {
  const t = note?.trim() || null;
  if (t && t.length > 500) throw badInput('note must have at most 500 characters', 'note');
  return t;
}

export function validChannel(channel: string): DeliveryChannel {
  if (!DELIVERY_CHANNELS.includes(channel as DeliveryChannel)) throw badInput(`channel must be one of ${DELIVERY_CHANNELS.join(', ')}`, 'channel');
  return channel as DeliveryChannel;
}

export function validOutcome(outcome: string): CallOutcome {
  if (!CALL_OUTCOMES.includes(outcome as CallOutcome)) throw badInput(`outcome must be one of ${CALL_OUTCOMES.join(', ')}`, 'outcome');
  return outcome as CallOutcome;
}

/** The Monday..Sunday week (tenant calendar dates) containing `date`. */
export function weekOf(date: string): { start: string; end: string } {
  const start = weekStart(date);
  return { start, end: addDays(start, 6) };
}

/**
 * R-COL-I1 weekly follow-up list: a PENDING promise is on the list of the week when its follow-up
 * date falls on or before the week's end (a follow-up missed last week stays on the list).
 */
export function dueForFollowUp(promise: { status: string; followUpDate: string }, week: { end: string }): boolean {
  return promise.status === 'PENDING' && promise.followUpDate <= week.end;
}

/**
 * R-COL-I1 a collection call on an account with a pending promise is that promise's follow-up: the
 * next one is `everyDays` (tenant policy, weekly) after the call, never after the promised date; a
 * promise whose date has come keeps it (evaluation settles it).
 */
export function followUpAfterCall(promise: { promisedDate: string; followUpDate: string }, callDate: string, everyDays: number): string {
  if (callDate >= promise.promisedDate) return promise.promisedDate;
  const next = nextFollowUp(callDate, promise.promisedDate, everyDays);
  return next > promise.followUpDate ? next : promise.followUpDate;
}

/** An account executive reads only their own lists; leads, clerks and admins any executive's. */
export function requireOwnList(who: { roles: readonly string[]; userId: string }, executiveId: string): void {
  const onlyOwn = who.roles.every((r) => r === 'ACCOUNT_EXECUTIVE');
  if (onlyOwn && executiveId !== who.userId) throw forbidden('an account executive sees only their own lists');
}
