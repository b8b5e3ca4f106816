/**
 * Calendar days and business days in the tenant's time zone: the kit's calendar module. Which days
 * are business days (weekends and the tenant's holidays) is the tenant's `BusinessCalendar`
 * (`tenantCalendar`), passed to the rules that count them (R-PRO-5).
 */
export { addDays, daysBetween, isoWeekday, localDay, weekStart } from '@vinculo/common';
