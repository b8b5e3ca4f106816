import { addDays, badInput, conflict, DomainError, ruleViolated, wrongState } from '@vinculo/common';
import { addMonths, assertDate, type LocalDate } from './dates';
import type { InstalledProductStatus, ProductFamily } from './installed-product';
import { currentOrNextSuspension, overlaps, type DatedSuspension } from './effective';

/** §3 D Temporary suspension and reconnection. */

/** What the account-standing read model knows of a customer (collections.AccountStandingChanged); null when it has not heard of the customer. */
export interface CustomerStanding {
  /** The customer's billing accounts currently OVERDUE (en mora). */
  overdueAccounts: string[];
}

/**
 * R-PS-D1: the customer's account must be up to date (no overdue debt) to suspend. It fails closed: a
 * standing post-sale has not heard of (null) is not "up to date" — the refusal says the data is still
 * arriving (`reason: STILL_ARRIVING`), so the clerk tries again shortly.
 */
export function assertAccountUpToDate(standing: CustomerStanding | null): void {
  if (!standing) {
    throw new DomainError('rule_violated', "The customer's account standing is still arriving from collections: try again shortly", {
      rule: 'R-PS-D1',
      reason: 'STILL_ARRIVING',
    });
  }
  if (standing.overdueAccounts.length > 0) {
    throw ruleViolated('R-PS-D1', 'The customer has overdue debt: the account must be up to date before a temporary suspension');
  }
}

/** R-PS-D2: at most `perYear` suspensions of one product per calendar year (of the suspension's start). */
export function assertSuspensionQuota(previousStarts: readonly LocalDate[], startDate: LocalDate, perYear: number): void {
  const year = startDate.slice(0, 4);
  const sameYear = previousStarts.filter((s) => s.slice(0, 4) === year).length;
  if (sameYear >= perYear) {
    throw ruleViolated('R-PS-D2', `This product was already suspended ${sameYear} time(s) in ${year}; at most ${perYear} per calendar year`);
  }
}

/** R-PS-D3: start and end dates entered; the suspension lasts at most `maxMonths` months (end ≤ start + N months − 1 day). */
export function assertSuspensionLength(startDate: LocalDate, endDate: LocalDate, maxMonths: number): void {
  if (endDate < startDate) throw badInput('endDate must not be before startDate', 'endDate');
  const lastAllowed = addDays(addMonths(startDate, maxMonths), -1);
  if (endDate > lastAllowed) {
    throw ruleViolated('R-PS-D3', `A temporary suspension lasts at most ${maxMonths} months: from ${startDate} it must end by ${lastAllowed}`);
  }
}

export interface SuspensionCommand {
  startDate: string;
  endDate: string;
}

export interface SuspendableProduct {
  status: InstalledProductStatus;
  suspensions: { startDate: string; endDate: string }[];
}

/**
 * Every check of a temporary suspension, in the order the clerk meets them; returns the validated
 * dates. The product is judged on the dates asked for, not on the last change entered: a product
 * suspended today (or from tomorrow) may be asked for a later suspension, which R-PS-D2 then judges;
 * only a period that overlaps one already entered is a CONFLICT.
 */
export function decideSuspension(
  product: SuspendableProduct,
  cmd: SuspensionCommand,
  ctx: { today: LocalDate; standing: CustomerStanding | null; perYear: number; maxMonths: number },
): { startDate: LocalDate; endDate: LocalDate } {
  const startDate = assertDate(cmd.startDate, 'startDate');
  const endDate = assertDate(cmd.endDate, 'endDate');
  if (startDate < ctx.today) throw badInput('startDate must not be in the past', 'startDate');
  if (product.status === 'WITHDRAWN')
    throw wrongState({ entity: 'installed product', current: 'WITHDRAWN', act: 'be suspended', allowedFrom: ['ACTIVE', 'SUSPENDED'] });
  assertAccountUpToDate(ctx.standing);
  assertSuspensionLength(startDate, endDate, ctx.maxMonths);
  assertSuspensionQuota(
    product.suspensions.map((s) => s.startDate),
    startDate,
    ctx.perYear,
  );
  const clash = product.suspensions.find((s) => overlaps(s, { startDate, endDate }));
  if (clash) throw conflict(`The product is already suspended from ${clash.startDate} to ${clash.endDate}`, { currentStatus: 'SUSPENDED' });
  return { startDate, endDate };
}

export type Restoration = 'AUTOMATIC' | 'TECHNICIAN_WITHIN_24H';

/**
 * R-PS-D4: on reconnection internet and the line come back automatically, fiber restores every
 * service automatically, pay TV on copper (or coax) is restored by a technician within 24 h. Packs
 * with TV (DUO, MULTI) on copper carry TV, so they follow the TV rule.
 */
export function reconnectionRestoration(family: ProductFamily, technology: string | null): { restoration: Restoration; withinHours: number } {
  if (technology === 'FIBER') return { restoration: 'AUTOMATIC', withinHours: 0 };
  const hasTv = family === 'PAY_TV' || family === 'DUO' || family === 'MULTI';
  if (hasTv) return { restoration: 'TECHNICIAN_WITHIN_24H', withinHours: 24 };
  return { restoration: 'AUTOMATIC', withinHours: 0 };
}

/**
 * A reconnection changes the end date of the suspension in force today, or of the next one: the
 * product is active again from `date` (today by default). A date on or before the suspension's start
 * cancels it; a date after its end changes nothing (service comes back then anyway).
 */
export function decideReconnection(
  product: { status: InstalledProductStatus; suspensions: DatedSuspension[] },
  date: string | null | undefined,
  today: LocalDate,
): { date: LocalDate; suspension: DatedSuspension } {
  const suspension = product.status === 'WITHDRAWN' ? null : currentOrNextSuspension(product, today);
  if (!suspension) {
    const status = product.status === 'WITHDRAWN' ? 'WITHDRAWN' : 'ACTIVE';
    throw wrongState({
      entity: 'installed product',
      current: status,
      act: 'be reconnected',
      allowedFrom: ['SUSPENDED'],
      reason: 'only a SUSPENDED product (or one with a suspension ahead) can be',
    });
  }
  const on = date ? assertDate(date, 'date') : today;
  if (on < today) throw badInput('the reconnection date must not be in the past', 'date');
  if (on > suspension.endDate) throw badInput(`the suspension ends on ${suspension.endDate}: service comes back the day after without a reconnection`, 'date');
  return { date: on, suspension };
}

/**
 * The suspensions after a reconnection from `date`: the one reconnected ends the day before. Reconnected
 * on or before its first day it never applies: it ends the day before it starts (an empty range, never
 * in force), and still counts for R-PS-D2 — a suspension entered is one of the year's.
 */
export function suspensionsAfterReconnection(suspensions: readonly DatedSuspension[], reconnected: DatedSuspension, date: LocalDate): DatedSuspension[] {
  const end = date > reconnected.startDate ? addDays(date, -1) : addDays(reconnected.startDate, -1);
  return suspensions.map((s) => (s.requestId === reconnected.requestId ? { ...s, endDate: end } : s));
}

/** Automatic reactivation: a suspension ending on `endDate` is over once the local day is after it. */
export const suspensionExpired = (endDate: LocalDate, today: LocalDate): boolean => today > endDate;
