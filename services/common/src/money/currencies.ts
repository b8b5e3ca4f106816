/**
 * ISO 4217 minor-unit exponents, written out instead of read from `Intl`: the runtime's CLDR data
 * gives display digits (COP 0, IDR 0, HUF 0 on Node 20), not the standard's exponent (COP 2), and
 * changes with ICU upgrades. A stored integer amount must keep its meaning, so the exponent is data of
 * this project. Source: ISO 4217 list one (active codes, 2025); funds and precious-metal codes without
 * an exponent (XAU, XDR, XXX…) are left out on purpose.
 */
const EXPONENT_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const EXPONENT_3 = 'BHD IQD JOD KWD LYD OMR TND';
const EXPONENT_4 = 'CLF UYW';
const EXPONENT_2 =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD ' +
  'HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT ' +
  'MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR ' +
  'SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU ' +
  'UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

function table(): ReadonlyMap<string, number> {
  const m = new Map<string, number>();
  for (const [codes, exponent] of [
    [EXPONENT_0, 0],
    [EXPONENT_2, 2],
    [EXPONENT_3, 3],
    [EXPONENT_4, 4],
  ] as const) {
    for (const code of codes.split(' ')) m.set(code, exponent);
  }
  return m;
}

/** Currency code → number of minor-unit digits (ISO 4217 "E"). */
export const ISO_4217_EXPONENTS: ReadonlyMap<string, number> = table();

/** Whether `code` is an active ISO 4217 currency with an exponent. */
export const isIsoCurrency = (code: string): boolean => ISO_4217_EXPONENTS.has(code);
