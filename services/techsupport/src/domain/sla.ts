import { addDays, endOfLocalDay, localDay } from '@vinculo/common';
import type { WorkOrderType } from './work-order';

/**
 * The SLA clock of a work order, set when the order opens (later settings changes apply to new
 * orders, as an order's due time never moves). Per-type hours from the techsupport settings win;
 * otherwise the tenant policy's workOrderDeadlineDays (A7) runs to the end of that local day in the
 * tenant's time zone. At risk from `atRiskAt` (the settings' share of the clock elapsed), breached
 * past the due time (a closed order is judged at its closing time). Both instants are stored, so the
 * operations board lists breached and at-risk orders by index instead of judging every open order.
 */

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

/** The instant `atRiskPercent` of the clock from `createdAt` to `dueAt` has elapsed. */
export function atRiskFrom(createdAt: Date, dueAt: Date, atRiskPercent: number): Date {
  return new Date(createdAt.getTime() + Math.ceil(((dueAt.getTime() - createdAt.getTime()) * atRiskPercent) / 100));
}

export interface SlaState {
  dueAt: Date;
  atRisk: boolean;
  breached: boolean;
}

/** The clock as of `now`: breached past dueAt (or closed after it), at risk from atRiskAt while open and not yet due. */
export function slaAt(wo: { dueAt: Date; atRiskAt: Date; closedAt: Date | null }, now: Date): SlaState {
  const end = wo.closedAt ?? now;
  const breached = end.getTime() > wo.dueAt.getTime();
  const atRisk = !breached && wo.closedAt === null && now.getTime() >= wo.atRiskAt.getTime();
  return { dueAt: wo.dueAt, atRisk, breached };
}
