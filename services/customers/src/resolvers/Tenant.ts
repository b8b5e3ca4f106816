import { badInput, money, holidayCountryOf, nationalHolidays } from '@vinculo/common';
import type { TenantPolicyResolvers, TenantResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';

export const Tenant = ({ tenants }: ResolverDeps): TenantResolvers => ({
  // Only the caller's own tenant resolves: no query ever crosses tenants.
  __resolveReference: (ref, ctx) => (ref.id === ctx.principal.tenantId ? tenants.current(ctx) : null),
  id: (t) => t.tenantId,
  policy: (t) => ({ ...t.policy, currency: t.currency, country: t.country }),
});

export const TenantPolicy: TenantPolicyResolvers = {
  callDetailFeePerPreviousMonth: (p) => money(p.callDetailFeePerPreviousMonthMinor, p.currency),
  multiBasicTelephonyAmount: (p) => money(p.multiBasicTelephonyAmountMinor, p.currency),
  holidayCalendar: (p) => p.holidayCalendar ?? 'COUNTRY',
  additionalHolidays: (p) => [...(p.additionalHolidays ?? [])].sort(),
  holidays: (p, { year }) => {
    if (!Number.isInteger(year) || year < 1900 || year > 2200) throw badInput('year must be between 1900 and 2200', 'year');
    const country = holidayCountryOf(p.holidayCalendar, p.country ?? null, p.currency);
    const national = country ? nationalHolidays(country, year) : [];
    const own = (p.additionalHolidays ?? []).filter((d) => d.startsWith(`${year}-`)).map((date) => ({ date, name: null }));
    return [...national, ...own].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  },
};
