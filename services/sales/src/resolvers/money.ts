import { money } from '@vinculo/common';

/** Money out: minor units → { amount, currency }. */
export const out = (minor: number, currency: string) => money(minor, currency);
