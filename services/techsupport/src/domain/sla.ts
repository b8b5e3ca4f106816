import type { WorkOrderType } from './work-order';

/**
 * The SLA clock of a work order. Per-type hours from the techsupport settings win; otherwise the
 * tenant policy's workOrderDeadlineDays (A7) runs to the end of that local day in the tenant's time
 * zone. A clock is at risk once `atRiskPercent` of its time has elapsed, breached past its due time
 * (a closed order is judged at its closing time).
 */

/** Calendar days in the tenant's zone: the kit's one implementation. */
import { addDays, endOfLocalDay, localDay } from '@vinculo/common';
export { addDays, endOfLocalDay, localDay };

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
