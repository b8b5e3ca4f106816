import type { WorkOrderType } from './work-order';

/**
 * The SLA clock of a work order. Per-type hours from the techsupport settings win; otherwise the
 * tenant policy's workOrderDeadlineDays (A7) runs to the end of that local day in the tenant's time
 * zone. A clock is at risk once `atRiskPercent` of its time has elapsed, breached past its due time
 * (a closed order is judged at its closing time).
 */

/** The calendar day (YYYY-MM-DD) of an instant in an IANA zone. */
export function localDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Offset (ms) of the zone from UTC at an instant. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The last millisecond of a local day in the zone, as an instant. */
export function endOfLocalDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, 23, 59, 59, 999);
  return new Date(naive - offsetMs(new Date(naive), timeZone));
}

export interface SlaSettings {
  slaHours: Partial<Record<WorkOrderType, number | null>>;
  atRiskPercent: number;
}

/** When a work order of `type` opened at `createdAt` is due. */
export function dueAtFor(type: WorkOrderType, createdAt: Date, settings: SlaSettings, policy: { workOrderDeadlineDays: number }, timeZone: string): Date {
  const hours = settings.slaHours[type];
  if (hours != null) return new Date(createdAt.getTime() + hours * 3_600_000);
  return endOfLocalDay(addDays(localDay(createdAt, timeZone), policy.workOrderDeadlineDays), timeZone);
}

export interface SlaState {
  dueAt: Date;
  atRisk: boolean;
  breached: boolean;
}

/** The clock as of `now`: breached past dueAt (or closed after it), at risk once the share has elapsed. */
export function slaAt(wo: { createdAt: Date; dueAt: Date; closedAt: Date | null }, atRiskPercent: number, now: Date): SlaState {
  const end = wo.closedAt ?? now;
  const breached = end.getTime() > wo.dueAt.getTime();
  const riskFrom = wo.createdAt.getTime() + ((wo.dueAt.getTime() - wo.createdAt.getTime()) * atRiskPercent) / 100;
  const atRisk = !breached && wo.closedAt === null && now.getTime() >= riskFrom;
  return { dueAt: wo.dueAt, atRisk, breached };
}
