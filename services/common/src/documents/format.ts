/**
 * How generated documents write money and dates: in the tenant's currency, locale and time zone.
 * Pure (Intl only), so the exact text a letter carries is unit-tested.
 */
import { minorDigits } from '../money/money';

/** The country of a currency used where the seeds run, for a tenant whose country is not set. */
const COUNTRY_OF_CURRENCY: Record<string, string> = { BOB: 'BO', COP: 'CO', MXN: 'MX', PEN: 'PE', CLP: 'CL', ARS: 'AR', PYG: 'PY', UYU: 'UY', GTQ: 'GT' };

/**
 * The Spanish locale of a tenant (es-BO, es-CO, es-MX…): its country, else its currency's country,
 * else generic Spanish.
 */
export function localeOf(country: string | null | undefined, currency?: string): string {
  const c = country && /^[A-Z]{2}$/.test(country) ? country : currency ? COUNTRY_OF_CURRENCY[currency] : undefined;
  return c ? `es-${c}` : 'es';
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A decimal amount ("1234.5") in the currency, to its ISO 4217 minor unit (the kit's table, not
 * Intl's display digits): "Bs 1.234,50" (es-BO), "$ 1.234,50" (es-CO). The amount is split into
 * whole and minor units before Intl sees it, so no binary rounding can move a cent.
 */
export function formatMoney(amount: string, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const [whole = '0', frac = ''] = amount.replace('-', '').split('.');
  if (!DECIMAL.test(amount) || frac.length > digits) throw new Error(`not a decimal amount in ${currency}: ${JSON.stringify(amount)}`);
  const negative = amount.startsWith('-');
  const scale = 10n ** BigInt(digits);
  const minor = BigInt(whole) * scale + BigInt((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  // Intl formats a string decimal exactly (no float): "1234.50" → "Bs 1.234,50".
  const exact = `${negative ? '-' : ''}${minor / scale}${digits ? `.${String(minor % scale).padStart(digits, '0')}` : ''}`;
  return formatter.format(exact as unknown as number);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day ("2026-02-10", already the tenant's) or an instant (seen in the tenant's time zone)
 * as the locale writes it with digits: "10/02/2026".
 */
export function formatDate(value: string | Date, locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
  if (typeof value === 'string' && DATE_ONLY.test(value)) {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  }
  return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(new Date(value));
}

/** An instant with its time, in the tenant's time zone: "10/02/2026 14:05". */
export function formatDateTime(value: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  }).format(value);
}

/** A month "2026-01" as the locale names it: "enero de 2026". */
export function formatMonth(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** What a generated document's letterhead and formatting need of the tenant (its policy snapshot and settings). */
export interface TenantLook {
  name: string;
  taxId?: string | null;
  address?: string | null;
  logo?: Buffer | null;
  currency: string;
  country: string | null;
  timeZone: string;
}
