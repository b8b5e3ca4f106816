import { roundHalfUp } from '@vinculo/common';
import { daysBetween } from './period';
import { outstandingOf, type LedgerInvoice } from './ledger';

export type AgeingBucket = 'NOT_DUE' | 'DAYS_1_30' | 'DAYS_31_60' | 'DAYS_61_90' | 'OVER_90';
export const AGEING_BUCKETS: readonly AgeingBucket[] = ['NOT_DUE', 'DAYS_1_30', 'DAYS_31_60', 'DAYS_61_90', 'OVER_90'];

/** The ageing bucket of an unpaid invoice by whole days past its due date (tenant calendar). */
export function bucketOf(dueDate: string, today: string): AgeingBucket {
  const days = daysBetween(dueDate, today);
  if (days <= 0) return 'NOT_DUE';
  if (days <= 30) return 'DAYS_1_30';
  if (days <= 60) return 'DAYS_31_60';
  if (days <= 90) return 'DAYS_61_90';
  return 'OVER_90';
}

/** Outstanding debt per ageing bucket, in minor units (every bucket present, in order). */
export function ageing(invoices: readonly LedgerInvoice[], today: string): { bucket: AgeingBucket; amountMinor: number }[] {
  const sums = new Map<AgeingBucket, number>(AGEING_BUCKETS.map((b) => [b, 0]));
  for (const i of invoices) {
    const open = outstandingOf(i);
    if (open > 0) sums.set(bucketOf(i.dueDate, today), (sums.get(bucketOf(i.dueDate, today)) ?? 0) + open);
  }
  return AGEING_BUCKETS.map((bucket) => ({ bucket, amountMinor: sums.get(bucket) ?? 0 }));
}

/** A percentage rounded half up to two decimals; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return roundHalfUp(part * 10000, whole) / 100;
}
