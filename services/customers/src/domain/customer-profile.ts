import { badInput } from '@vinculo/common';
import { optionalText, requiredText } from './text';

export type Market = 'REGULATED' | 'NON_REGULATED';
export type CustomerCategory = 'SMALL_PRODUCER' | 'LARGE_PRODUCER';

/** The descriptive part of a customer, besides its identifying document. */
export interface Profile {
  name: string;
  tradeName: string | null;
  activityType: string | null;
  segment: string | null;
  market: Market | null;
  category: CustomerCategory | null;
}

/** A change of profile: omitted (undefined/null) fields stay; an empty string clears a text. */
export interface ProfilePatch {
  name?: string | null;
  tradeName?: string | null;
  activityType?: string | null;
  segment?: string | null;
  market?: Market | null;
  category?: CustomerCategory | null;
}

const SEGMENT = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;

/** A tenant's segment code, upper-cased (EMPRESAS, RESIDENCIAL, GRANDES-CLIENTES…). */
export function validSegment(segment: string | null | undefined): string | null {
  const s = segment?.trim().toUpperCase();
  if (!s) return null;
  if (!SEGMENT.test(s)) throw badInput('segment must be 2 to 40 letters, digits, _ or -', 'segment');
  return s;
}

export const validName = (name: string): string => requiredText(name, 'name', 2, 200);

/** Apply a profile change; BAD_USER_INPUT when a field is malformed or nothing would change. */
export function decideProfileChange(current: Profile, patch: ProfilePatch): Profile {
  const next: Profile = {
    name: patch.name != null ? validName(patch.name) : current.name,
    tradeName: patch.tradeName != null ? optionalText(patch.tradeName, 'tradeName', 2, 200) : current.tradeName,
    activityType: patch.activityType != null ? optionalText(patch.activityType, 'activityType', 2, 120) : current.activityType,
    segment: patch.segment != null ? validSegment(patch.segment) : current.segment,
    market: patch.market ?? current.market,
    category: patch.category ?? current.category,
  };
  const same = (Object.keys(next) as (keyof Profile)[]).every((k) => next[k] === current[k]);
  if (same) throw badInput('nothing to change', 'input');
  return next;
}

/** The profile given at registration (every field but the name optional). */
export function initialProfile(input: ProfilePatch & { name: string }): Profile {
  return {
    name: validName(input.name),
    tradeName: optionalText(input.tradeName, 'tradeName', 2, 200),
    activityType: optionalText(input.activityType, 'activityType', 2, 120),
    segment: validSegment(input.segment),
    market: input.market ?? null,
    category: input.category ?? null,
  };
}
