import { createHash } from 'node:crypto';

/*
 * R-SAL-KPI billing per month and segment from maintained totals instead of a scan of the month's
 * invoice facts (issue #18). Each billing invoice is one fact; the totals of its (tenant, period,
 * segment) add it once. A fact never changes (collections issues an invoice once; its period and the
 * segment at issue are part of the fact), so the totals are the plain sum of the facts.
 */

/** The one totals document of a tenant's period and segment (read by `_id`: constant cost). */
export const billingTotalsId = (tenantId: string, period: string, segment: string): string => `${tenantId}:${period}:${segment}`;

/**
 * The key a fact is remembered under in its totals: 16 hex digits of a hash of its id (64 bits: no two
 * of the keys a bucket remembers collide in practice), short so the remembered keys stay small.
 */
export const factKey = (factId: string): string => createHash('sha1').update(factId).digest('hex').slice(0, 16);

export interface BillingFigures {
  invoices: number;
  totalMinor: number;
}

/** The totals of facts as a full scan counts them (the first build of a bucket, and the reconciliation). */
export function sumFacts(facts: readonly { totalAmount: number }[]): BillingFigures {
  return { invoices: facts.length, totalMinor: facts.reduce((s, f) => s + f.totalAmount, 0) };
}
