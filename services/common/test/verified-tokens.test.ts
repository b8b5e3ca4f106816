/**
 * Verified-token cache (Customer 360 throughput, issue #18): a token verified once is not verified
 * again while the verifier would still accept it, and never past that.
 */
import { SignJWT } from 'jose';
import { VerifiedTokens, acceptableUntil, createTokenVerifier, type Principal } from '@vinculo/common';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const principal: Principal = { userId: 'u-1', tenantId: 'demo', roles: ['ACCOUNT_EXECUTIVE'], scopes: ['read'] };

describe('verified tokens', () => {
  test('a remembered token yields its principal until the moment given, not after', () => {
    const cache = new VerifiedTokens();
    cache.set('Bearer a', principal, 10_000);
    expect(cache.get('Bearer a', 9_999)).toEqual(principal);
    expect(cache.get('Bearer a', 10_000)).toBeUndefined();
    expect(cache.get('Bearer a', 5_000)).toBeUndefined(); // forgotten once expired
    expect(cache.get('Bearer b', 0)).toBeUndefined();
  });

  test('each caller gets its own copy of the principal', () => {
    const cache = new VerifiedTokens();
    cache.set('Bearer a', principal, 10_000);
    const first = cache.get('Bearer a', 1)!;
    first.roles.push('ADMIN');
    expect(cache.get('Bearer a', 1)!.roles).toEqual(['ACCOUNT_EXECUTIVE']);
  });

  test('bounded: full, it starts over rather than grow', () => {
    const cache = new VerifiedTokens(2);
    cache.set('Bearer a', principal, 10_000);
    cache.set('Bearer b', principal, 10_000);
    cache.set('Bearer c', principal, 10_000);
    expect(cache.get('Bearer a', 1)).toBeUndefined();
    expect(cache.get('Bearer c', 1)).toEqual(principal);
  });

  test('acceptable until exp, or iat + maximum age when that comes first', () => {
    expect(acceptableUntil({ iat: 1_000, exp: 2_000 }, 86_400)).toBe(2_000_000);
    expect(acceptableUntil({ iat: 1_000, exp: 999_999 }, 3_600)).toBe(4_600_000);
  });

  test('the verifier answers a repeated token the same, and still refuses a forged or expired one', async () => {
    const verify = createTokenVerifier({ JWT_SECRET: SECRET });
    const now = Math.floor(Date.now() / 1000);
    const sign = (exp: number, secret = SECRET) =>
      new SignJWT({ tenant: 'demo', roles: ['ACCOUNT_EXECUTIVE'], scopes: ['read'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-1')
        .setIssuedAt(now - 60)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));
    const good = `Bearer ${await sign(now + 600)}`;
    expect(await verify(good)).toEqual(principal);
    expect(await verify(good)).toEqual(principal);
    await expect(verify(`Bearer ${await sign(now + 600, `${SECRET}-other`)}`)).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(verify(`Bearer ${await sign(now - 120)}`)).rejects.toMatchObject({ kind: 'unauthenticated' });
  });
});
