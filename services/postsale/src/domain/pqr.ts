import type { BusinessCalendar } from '@vinculo/common';
import type { LocalDate } from './dates';

/** PQR (petición, queja, reclamo — DOMAIN.md §4) with the tenant's answer deadline in business days. */
export type PqrKind = 'PETITION' | 'COMPLAINT' | 'CLAIM';

/**
 * The answer is due `businessDays` business days after the local day it was received: Monday to
 * Friday, skipping the holidays of the tenant's calendar (tenant policy `holidayCalendar`).
 */
export const pqrDeadline = (receivedOn: LocalDate, businessDays: number, calendar: BusinessCalendar): LocalDate =>
  calendar.addBusinessDays(receivedOn, businessDays);

export interface SlaClock {
  deadline: LocalDate;
  /** Business days left until the deadline (0 on the day itself, negative never: see breached). */
  businessDaysLeft: number;
  breached: boolean;
}

/** The SLA clock of a PQR on `today` (or on the day it was answered). */
export function slaClock(deadline: LocalDate, today: LocalDate, calendar: BusinessCalendar): SlaClock {
  return { deadline, businessDaysLeft: calendar.businessDaysBetween(today, deadline), breached: today > deadline };
}
