import { decideApiKeySpec, hashSecret, issueSecret, newKeyId, parseApiKey, secretMatches } from '../src/domain/api-key';

const spec = (over: Partial<Parameters<typeof decideApiKeySpec>[0]> = {}) =>
  decideApiKeySpec({ partner: 'Banco Unión', role: 'PARTNER', scopes: ['write', 'payments:write'], ...over });

describe('API keys', () => {
  test('a key embeds its id, is shown once and only its hash matches its secret', () => {
    const keyId = newKeyId();
    const { key, secretHash } = issueSecret(keyId);
    const parsed = parseApiKey(key);
    expect(parsed?.keyId).toBe(keyId);
    expect(secretHash).toBe(hashSecret(parsed!.secret));
    expect(secretHash).not.toContain(parsed!.secret);
    expect(secretMatches(parsed!.secret, secretHash)).toBe(true);
    const wrong = parsed!.secret.slice(0, -1) + (parsed!.secret.endsWith('A') ? 'B' : 'A');
    expect(secretMatches(wrong, secretHash)).toBe(false);
    // A rotation: same id, another secret; the old one no longer matches the new hash.
    const rotated = issueSecret(keyId);
    expect(parseApiKey(rotated.key)?.keyId).toBe(keyId);
    expect(secretMatches(parsed!.secret, rotated.secretHash)).toBe(false);
  });

  test('malformed keys do not parse', () => {
    const { key } = issueSecret(newKeyId());
    for (const bad of ['', 'vk_', key.slice(1), `${key}x`, key.replace('vk_', 'sk_'), key.replace(/_/, '-'), 'vk_zzzzzzzzzzzzzzzzzzzzzzzz_' + 'a'.repeat(43)]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  test('a spec: machine role, known scopes sorted and unique, default rate 60', () => {
    expect(spec({ scopes: ['payments:write', 'write', 'write'] })).toEqual({
      partner: 'Banco Unión',
      role: 'PARTNER',
      scopes: ['payments:write', 'write'],
      rateLimitPerMinute: 60,
    });
    expect(spec({ rateLimitPerMinute: 5 }).rateLimitPerMinute).toBe(5);
    expect(decideApiKeySpec({ partner: 'BI nocturno', role: 'REPORTING', scopes: ['read', 'reporting'] }).role).toBe('REPORTING');
  });

  test.each([
    ['a staff role', { role: 'ADMIN' }],
    ['no scopes', { scopes: [] }],
    ['an unknown scope', { scopes: ['write', 'everything'] }],
    ['a fine scope without write', { scopes: ['payments:write'] }],
    ['a REPORTING key that writes', { role: 'REPORTING', scopes: ['read', 'write'] }],
    ['a REPORTING key with a partner act', { role: 'REPORTING', scopes: ['read', 'payments:write'] }],
    ['a zero rate', { rateLimitPerMinute: 0 }],
    ['a fractional rate', { rateLimitPerMinute: 1.5 }],
    ['a blank partner', { partner: ' ' }],
  ])('refuses %s as BAD_USER_INPUT', (_what, over) => {
    expect(() => spec(over as never)).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
  });
});
