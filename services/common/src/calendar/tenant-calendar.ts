import type { TenantPolicySnapshot } from '../policy/defaults';
import { businessCalendar, type BusinessCalendar } from './business-days';
import { isHolidayCountry, type HolidayCountry } from './holidays';

/**
 * Which holiday calendar a tenant's business days skip (tenant policy `holidayCalendar`): `COUNTRY`
 * (the default) follows the tenant's country, or its currency's country while no country is set (the
 * seeds' first organisation: Bs → Bolivia); `NONE` counts weekends only.
 */
export type HolidayCalendarChoice = 'COUNTRY' | HolidayCountry | 'NONE';
export const HOLIDAY_CALENDAR_CHOICES: readonly HolidayCalendarChoice[] = ['COUNTRY', 'BO', 'CO', 'MX', 'NONE'];

const COUNTRY_OF_CURRENCY: Record<string, HolidayCountry> = { BOB: 'BO', COP: 'CO', MXN: 'MX' };

/** The national calendar a choice resolves to for a tenant's country and currency (null: none). */
export function holidayCountryOf(choice: HolidayCalendarChoice | undefined, country: string | null, currency: string): HolidayCountry | null {
  const c = choice ?? 'COUNTRY';
  if (c === 'NONE') return null;
  if (c !== 'COUNTRY') return c;
  if (country) return isHolidayCountry(country) ? country : null;
  return COUNTRY_OF_CURRENCY[currency] ?? null;
}

/**
 * The tenant's business calendar from its policy snapshot, as every subgraph's tenant-policy read model
 * gives it (customers reads its own Tenant): the one way rules learn which days are business days.
 */
export function tenantCalendar(t: Pick<TenantPolicySnapshot, 'country' | 'currency' | 'policy'>): BusinessCalendar {
  return businessCalendar(holidayCountryOf(t.policy.holidayCalendar, t.country, t.currency), t.policy.additionalHolidays ?? []);
}
