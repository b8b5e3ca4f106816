import express, { type Express } from 'express';
import { sameSecret, type Logger } from '@vinculo/common';
import type { ApiKeyRepository } from '../store/api-key.repository';
import { parseApiKey, secretMatches } from '../domain/api-key';

export const API_KEY_CHECK_PATH = '/internal/api-keys/check';

/** What the gateway learns of a valid key: enough to build the caller's principal and limit its rate. */
export interface ApiKeyCheck {
  keyId: string;
  tenantId: string;
  partner: string;
  role: string;
  scopes: string[];
  rateLimitPerMinute: number;
}

/**
 * POST /internal/api-keys/check `{ key }` with `x-internal-token`: 200 with the key's grant, 401 for
 * anything else (unknown id, wrong secret, revoked, malformed) — one answer, so the check reveals
 * nothing about which part was wrong. Read from the store on every call: a revoked key is refused
 * from the next request, whatever replica answers.
 */
export function mountApiKeyCheck(app: Express, keys: ApiKeyRepository, internalToken: string, logger: Logger): void {
  app.post(API_KEY_CHECK_PATH, express.json({ limit: '4kb' }), async (req, res) => {
    const given = req.headers['x-internal-token'];
    if (typeof given !== 'string' || !sameSecret(given, internalToken)) {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    const refuse = () => res.status(401).json({ error: 'invalid_api_key' });
    const raw = (req.body as { key?: unknown } | undefined)?.key;
    const parsed = typeof raw === 'string' ? parseApiKey(raw) : null;
    if (!parsed) return void refuse();
    try {
      const doc = await keys.byId(parsed.keyId);
      if (!doc || doc.revokedAt || !secretMatches(parsed.secret, doc.secretHash)) return void refuse();
      const check: ApiKeyCheck = {
        keyId: doc._id,
        tenantId: doc.tenantId,
        partner: doc.partner,
        role: doc.role,
        scopes: doc.scopes,
        rateLimitPerMinute: doc.rateLimitPerMinute,
      };
      res.json(check);
    } catch (err) {
      logger.error({ err }, 'API key check failed');
      res.status(503).json({ error: 'unavailable' });
    }
  });
}
