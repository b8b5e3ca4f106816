import { presentedKey, principalOfKey } from '../src/http/api-keys';
import { keyLimiters } from '../src/http/rate-limit';
import { createTokenBucketLimiter } from '../src/limits/token-bucket';

const KEY = `vk_${'a1'.repeat(12)}_${'Z'.repeat(43)}`;

describe('API keys at the gateway', () => {
  test('a key is read from Authorization: ApiKey or x-api-key', () => {
    expect(presentedKey({})).toEqual({ kind: 'none' });
    expect(presentedKey({ authorization: 'Bearer abc' })).toEqual({ kind: 'none' });
    expect(presentedKey({ authorization: `ApiKey ${KEY}` })).toEqual({ kind: 'key', key: KEY });
    expect(presentedKey({ authorization: `apikey ${KEY}` })).toEqual({ kind: 'key', key: KEY });
    expect(presentedKey({ 'x-api-key': KEY })).toEqual({ kind: 'key', key: KEY });
    expect(presentedKey({ authorization: `ApiKey ${KEY}`, 'x-api-key': KEY })).toEqual({ kind: 'key', key: KEY });
  });

  test('malformed or ambiguous keys are refused without asking customers', () => {
    expect(presentedKey({ 'x-api-key': 'nope' }).kind).toBe('invalid');
    expect(presentedKey({ authorization: 'ApiKey vk_1_2' }).kind).toBe('invalid');
    expect(presentedKey({ authorization: 'Bearer abc', 'x-api-key': KEY }).kind).toBe('invalid');
    expect(presentedKey({ authorization: `ApiKey ${KEY}`, 'x-api-key': KEY.replace('Z', 'Y') }).kind).toBe('invalid');
  });

  test('a key becomes a machine principal of its tenant, role and scopes', () => {
    expect(
      principalOfKey({ keyId: 'k1', tenantId: 'acme', partner: 'Banco', role: 'PARTNER', scopes: ['write', 'payments:write'], rateLimitPerMinute: 5 }),
    ).toEqual({ userId: 'apikey:k1', tenantId: 'acme', roles: ['PARTNER'], scopes: ['write', 'payments:write'], partner: 'Banco' });
  });

  test('each key spends its own rate', () => {
    let t = 0;
    const forKeys = keyLimiters((perMinute) => createTokenBucketLimiter({ perMinute, now: () => t }));
    const take = (perMinute: number, key: string) => forKeys(perMinute).take(key).allowed;
    expect([take(2, 'key:a'), take(2, 'key:a'), take(2, 'key:a')]).toEqual([true, true, false]);
    expect(take(2, 'key:b')).toBe(true);
    expect(take(100, 'key:c')).toBe(true);
    t = 30_000; // half a minute refills one request at 2/min
    expect(take(2, 'key:a')).toBe(true);
    expect(take(2, 'key:a')).toBe(false);
  });
});
