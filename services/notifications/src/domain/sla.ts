/**
 * SLA alerts on work orders (issue #19): an open work order is AT_RISK within `atRiskMs` of its due
 * time and BREACHED once its due time has passed, both read on the tenant's business clock. Each alert
 * is raised once per work order and due time (a rescheduled due time may alert again).
 */
export type SlaState = 'ON_TIME' | 'AT_RISK' | 'BREACHED';

export const DEFAULT_AT_RISK_MS = 4 * 3_600_000;

export function slaState(dueAt: Date, now: Date, atRiskMs = DEFAULT_AT_RISK_MS): SlaState {
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'BREACHED';
  return left <= atRiskMs ? 'AT_RISK' : 'ON_TIME';
}

/** The alert ids a work order should have raised by now (deterministic: the same run twice raises nothing new). */
export function slaAlertsDue(
  w: { workOrderId: string; dueAt: Date; open: boolean },
  now: Date,
  atRiskMs = DEFAULT_AT_RISK_MS,
): { kind: 'AT_RISK' | 'BREACHED'; id: string }[] {
  if (!w.open) return [];
  const state = slaState(w.dueAt, now, atRiskMs);
  const stamp = w.dueAt.toISOString();
  if (state === 'BREACHED') return [{ kind: 'BREACHED', id: `sla:wo:${w.workOrderId}:${stamp}:BREACHED` }];
  if (state === 'AT_RISK') return [{ kind: 'AT_RISK', id: `sla:wo:${w.workOrderId}:${stamp}:AT_RISK` }];
  return [];
}
