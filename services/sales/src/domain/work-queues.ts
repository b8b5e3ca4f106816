import type { SalesOrderState } from './sales-order';

/**
 * What "due" means in the sales queues (issue #15):
 * - digitalSaleCallbacks: a lost call (seed 001: "a lost call is called back") is due at once — its
 *   due time is when it was received, so the longest-waiting caller is called first;
 * - salesOrdersAwaitingCompletionCall: an INSTALLED order's completion call (A8 quality-control call,
 *   R-DIG-3 satisfaction call) is due within the tenant's timeliness hours (R-PS-KPI, default 24 h) of
 *   the installation, the same allowance post-sale gives its quality-control calls.
 */

/** When the order became INSTALLED while it still is; null otherwise (it waits in no call queue). */
export function installedAtOf(state: Pick<SalesOrderState, 'status' | 'history'>): Date | null {
  if (state.status !== 'INSTALLED') return null;
  const entry = [...state.history].reverse().find((h) => h.to === 'INSTALLED');
  return entry ? new Date(entry.at) : null;
}
