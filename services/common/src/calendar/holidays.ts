import { addDays } from '../domain/dates';

/**
 * National public holidays of the countries the tenants live in, computed for any year (no table of
 * one year that silently runs out): fixed dates, dates moved to a Monday by law, and the ones that hang
 * on Easter. Sources: Bolivia DS 1210/2012 and its holiday decrees (a holiday on a Sunday moves to
 * the Monday); Colombia Ley 51 de 1983 ("Ley Emiliani", several holidays move to the next Monday);
 * Mexico Ley Federal del Trabajo art. 74 (obligatory rest days, three of them on a Monday).
 * Regional holidays (a department's, a city's) are the tenant's `additionalHolidays`.
 */
export type HolidayCountry = 'BO' | 'CO' | 'MX';
export const HOLIDAY_COUNTRIES: readonly HolidayCountry[] = ['BO', 'CO', 'MX'];

export interface Holiday {
  /** YYYY-MM-DD. */
  date: string;
  name: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** 0 = Sunday … 6 = Saturday. */
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** Easter Sunday of the Gregorian calendar (anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The day itself when it is a Monday, else the next Monday (Colombia's Ley Emiliani). */
const nextMonday = (day: string) => addDays(day, (8 - weekday(day)) % 7);
/** A Sunday holiday is rested on the Monday (Bolivia). */
const sundayToMonday = (day: string) => (weekday(day) === 0 ? addDays(day, 1) : day);
/** The n-th Monday of a month (Mexico). */
function nthMonday(year: number, month: number, n: number): string {
  const first = ymd(year, month, 1);
  return addDays(nextMonday(first), 7 * (n - 1));
}

function bolivia(year: number): Holiday[] {
  const easter = easterSunday(year);
  return [
    { date: sundayToMonday(ymd(year, 1, 1)), name: 'Año Nuevo' },
    { date: sundayToMonday(ymd(year, 1, 22)), name: 'Día del Estado Plurinacional' },
    { date: addDays(easter, -48), name: 'Carnaval (lunes)' },
    { date: addDays(easter, -47), name: 'Carnaval (martes)' },
    { date: addDays(easter, -2), name: 'Viernes Santo' },
    { date: sundayToMonday(ymd(year, 5, 1)), name: 'Día del Trabajo' },
    { date: addDays(easter, 60), name: 'Corpus Christi' },
    { date: sundayToMonday(ymd(year, 6, 21)), name: 'Año Nuevo Andino Amazónico' },
    { date: sundayToMonday(ymd(year, 8, 6)), name: 'Día de la Independencia' },
    { date: sundayToMonday(ymd(year, 11, 2)), name: 'Día de Todos los Difuntos' },
    { date: sundayToMonday(ymd(year, 12, 25)), name: 'Navidad' },
  ];
}

function colombia(year: number): Holiday[] {
  const easter = easterSunday(year);
  return [
    { date: ymd(year, 1, 1), name: 'Año Nuevo' },
    { date: nextMonday(ymd(year, 1, 6)), name: 'Reyes Magos' },
    { date: nextMonday(ymd(year, 3, 19)), name: 'San José' },
    { date: addDays(easter, -3), name: 'Jueves Santo' },
    { date: addDays(easter, -2), name: 'Viernes Santo' },
    { date: ymd(year, 5, 1), name: 'Día del Trabajo' },
    { date: addDays(easter, 43), name: 'Ascensión del Señor' },
    { date: addDays(easter, 64), name: 'Corpus Christi' },
    { date: addDays(easter, 71), name: 'Sagrado Corazón' },
    { date: nextMonday(ymd(year, 6, 29)), name: 'San Pedro y San Pablo' },
    { date: ymd(year, 7, 20), name: 'Día de la Independencia' },
    { date: ymd(year, 8, 7), name: 'Batalla de Boyacá' },
    { date: nextMonday(ymd(year, 8, 15)), name: 'Asunción de la Virgen' },
    { date: nextMonday(ymd(year, 10, 12)), name: 'Día de la Raza' },
    { date: nextMonday(ymd(year, 11, 1)), name: 'Todos los Santos' },
    { date: nextMonday(ymd(year, 11, 11)), name: 'Independencia de Cartagena' },
    { date: ymd(year, 12, 8), name: 'Inmaculada Concepción' },
    { date: ymd(year, 12, 25), name: 'Navidad' },
  ];
}

function mexico(year: number): Holiday[] {
  const list: Holiday[] = [
    { date: ymd(year, 1, 1), name: 'Año Nuevo' },
    { date: nthMonday(year, 2, 1), name: 'Día de la Constitución' },
    { date: nthMonday(year, 3, 3), name: 'Natalicio de Benito Juárez' },
    { date: ymd(year, 5, 1), name: 'Día del Trabajo' },
    { date: ymd(year, 9, 16), name: 'Día de la Independencia' },
    { date: nthMonday(year, 11, 3), name: 'Día de la Revolución' },
    { date: ymd(year, 12, 25), name: 'Navidad' },
  ];
  // LFT art. 74 VII: 1 October of each sixth year, when the federal executive changes (2024, 2030…).
  if (year >= 2024 && (year - 2024) % 6 === 0) list.push({ date: ymd(year, 10, 1), name: 'Transmisión del Poder Ejecutivo Federal' });
  return list.sort((a, b) => (a.date < b.date ? -1 : 1));
}

const BY_COUNTRY: Record<HolidayCountry, (year: number) => Holiday[]> = { BO: bolivia, CO: colombia, MX: mexico };

/** The national holidays of `country` in `year`, in date order. */
export function nationalHolidays(country: HolidayCountry, year: number): Holiday[] {
  return BY_COUNTRY[country](year).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export const isHolidayCountry = (c: string | null | undefined): c is HolidayCountry => c === 'BO' || c === 'CO' || c === 'MX';
