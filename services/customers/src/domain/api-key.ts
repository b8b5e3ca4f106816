import { createHash, randomBytes } from 'node:crypto';
import { badInput, FINE_SCOPES, MACHINE_ROLES, sameSecret, SCOPES, type MachineRole, type Scope } from '@vinculo/common';
import { requiredText } from './text';

/**
 * API keys of machine clients (issue #14): `vk_<keyId>_<secret>`. The key id is the document's
 * `_id`, so a key is looked up by id and only its secret is compared; the secret (256 random bits)
 * is stored as its SHA-256 — a slow hash adds nothing for a secret that cannot be guessed.
 */
const KEY = /^vk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeySpec {
  partner: string;
  role: MachineRole;
  scopes: Scope[];
  rateLimitPerMinute: number;
}

export const DEFAULT_KEY_RATE_PER_MINUTE = 60;
export const MAX_KEY_RATE_PER_MINUTE = 100_000;

/** What a REPORTING key may hold: it reads lists and indicators, large pages included, and writes nothing. */
const REPORTING_SCOPES: readonly Scope[] = ['read', 'reporting'];

/** Validate what an ADMIN asks for: a partner name, a machine role, scopes that role may hold, a rate. */
export function decideApiKeySpec(input: { partner: string; role: string; scopes: readonly string[]; rateLimitPerMinute?: number | null }): ApiKeySpec {
  const partner = requiredText(input.partner, 'partner', 2, 80);
  if (!(MACHINE_ROLES as readonly string[]).includes(input.role)) {
    throw badInput(`role must be one of ${MACHINE_ROLES.join(', ')}`, 'role');
  }
  const role = input.role as MachineRole;
  const unknown = input.scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw badInput(`unknown scopes: ${unknown.join(', ')}; known: ${SCOPES.join(', ')}`, 'scopes');
  const scopes = [...new Set(input.scopes as Scope[])].sort();
  if (scopes.length === 0) throw badInput('a key needs at least one scope', 'scopes');
  if (role === 'REPORTING') {
    const refused = scopes.filter((s) => !REPORTING_SCOPES.includes(s));
    if (refused.length) throw badInput(`a REPORTING key writes nothing: ${refused.join(', ')} not allowed`, 'scopes');
  }
  const fine = new Set(Object.values(FINE_SCOPES));
  if (scopes.some((s) => fine.has(s)) && !scopes.includes('write')) {
    throw badInput(`${scopes.filter((s) => fine.has(s)).join(', ')} gate mutations: the key also needs 'write'`, 'scopes');
  }
  const rate = input.rateLimitPerMinute ?? DEFAULT_KEY_RATE_PER_MINUTE;
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_KEY_RATE_PER_MINUTE) {
    throw badInput(`rateLimitPerMinute must be a whole number from 1 to ${MAX_KEY_RATE_PER_MINUTE}`, 'rateLimitPerMinute');
  }
  return { partner, role, scopes, rateLimitPerMinute: rate };
}

/** A new key id (the document id; not secret). */
export const newKeyId = (): string => randomBytes(12).toString('hex');

/** A fresh secret for a key id: the full key (shown once) and the hash to store. */
export function issueSecret(keyId: string): { key: string; secretHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { key: `vk_${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** The key id and secret of a well-formed key; null for anything else. */
export function parseApiKey(key: string): { keyId: string; secret: string } | null {
  const match = KEY.exec(key);
  return match ? { keyId: match[1]!, secret: match[2]! } : null;
}

/** Whether `secret` is the one whose hash was stored (constant time). */
export const secretMatches = (secret: string, secretHash: string): boolean => sameSecret(hashSecret(secret), secretHash);
