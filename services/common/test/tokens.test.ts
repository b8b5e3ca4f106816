/**
 * Token rules (issue #14 "Tokens"): the development secret only with an explicit opt-in and a
 * loopback HOST, never in production; `exp` and `iat` required; a bounded token age and a clock
 * tolerance; issuer and audience required in production; the staff registry narrows or refuses.
 */
import { SignJWT } from 'jose';
import {
  applyStaffAccess,
  baseEnvSchema,
  ConfigError,
  createTokenVerifier,
  devJwtSecret,
  isLoopbackHost,
  parseEnv,
  signDevToken,
  type Principal,
} from '@vinculo/common';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const claims = { tenant: 'demo', roles: ['ACCOUNT_EXECUTIVE'], scopes: ['read', 'write'] };
const now = () => Math.floor(Date.now() / 1000);

/** A token with exactly the time claims given (none set unless asked). */
function token(times: { iat?: number; exp?: number }, extra: Record<string, unknown> = {}, secret = SECRET): Promise<string> {
  const jwt = new SignJWT({ ...claims, ...extra }).setProtectedHeader({ alg: 'HS256' }).setSubject('u-1');
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
  return jwt.sign(new TextEncoder().encode(secret));
}

async function refusal(verify: ReturnType<typeof createTokenVerifier>, jwt: string): Promise<{ kind: string; message: string }> {
  try {
    await verify(`Bearer ${jwt}`);
  } catch (err) {
    return { kind: (err as { kind: string }).kind, message: (err as Error).message };
  }
  throw new Error('expected the token to be refused');
}

describe('token verification', () => {
  const verify = createTokenVerifier({ JWT_SECRET: SECRET, JWT_MAX_AGE_SECONDS: 3600, JWT_CLOCK_TOLERANCE_SECONDS: 30 });

  test('a token with exp and a recent iat is accepted', async () => {
    const principal = await verify(`Bearer ${await token({ iat: now(), exp: now() + 600 })}`);
    expect(principal).toEqual({ userId: 'u-1', tenantId: 'demo', roles: ['ACCOUNT_EXECUTIVE'], scopes: ['read', 'write'] });
  });

  test('a token without exp is refused (it would never expire)', async () => {
    expect(await refusal(verify, await token({ iat: now() }))).toEqual({ kind: 'unauthenticated', message: 'Invalid token: no "exp" claim' });
  });

  test('a token without iat is refused (its age cannot be bounded)', async () => {
    expect(await refusal(verify, await token({ exp: now() + 600 }))).toEqual({ kind: 'unauthenticated', message: 'Invalid token: no "iat" claim' });
  });

  test('a token issued longer ago than the maximum age is refused even if exp is far away', async () => {
    const old = await token({ iat: now() - 3600 - 31 - 5, exp: now() + 86_400 });
    expect(await refusal(verify, old)).toEqual({ kind: 'unauthenticated', message: 'Token too old: sign in again' });
    // Within the age (plus tolerance) it is still good.
    await expect(verify(`Bearer ${await token({ iat: now() - 3600 + 60, exp: now() + 600 })}`)).resolves.toMatchObject({ userId: 'u-1' });
  });

  test('an iat in the future beyond the clock tolerance is refused; within it, accepted', async () => {
    expect(await refusal(verify, await token({ iat: now() + 120, exp: now() + 600 }))).toEqual({
      kind: 'unauthenticated',
      message: 'Invalid token: issued in the future',
    });
    await expect(verify(`Bearer ${await token({ iat: now() + 10, exp: now() + 600 })}`)).resolves.toMatchObject({ userId: 'u-1' });
  });

  test('an exp just past is tolerated within the clock tolerance, not beyond', async () => {
    await expect(verify(`Bearer ${await token({ iat: now() - 60, exp: now() - 10 })}`)).resolves.toMatchObject({ userId: 'u-1' });
    expect(await refusal(verify, await token({ iat: now() - 600, exp: now() - 120 }))).toEqual({ kind: 'unauthenticated', message: 'Token expired' });
  });

  test('a token without a scopes claim has no scopes (deny by default)', async () => {
    const jwt = await new SignJWT({ tenant: 'demo', roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    expect((await verify(`Bearer ${jwt}`)).scopes).toEqual([]);
  });

  test('with an issuer and audience configured, tokens must carry both', async () => {
    const strict = createTokenVerifier({ JWT_SECRET: SECRET, JWT_ISSUER: 'https://idp.test/', JWT_AUDIENCE: 'vinculo' });
    const good = await signDevToken(SECRET, { sub: 'u-1', ...claims }, '5m', { issuer: 'https://idp.test/', audience: 'vinculo' });
    await expect(strict(`Bearer ${good}`)).resolves.toMatchObject({ userId: 'u-1' });
    const bare = await signDevToken(SECRET, { sub: 'u-1', ...claims }, '5m');
    expect((await refusal(strict, bare)).message).toBe('Invalid token: no "iss" claim');
    const otherAudience = await signDevToken(SECRET, { sub: 'u-1', ...claims }, '5m', { issuer: 'https://idp.test/', audience: 'someone-else' });
    expect((await refusal(strict, otherAudience)).message).toBe('Invalid token: wrong "aud"');
  });

  test('a production verifier cannot be built without issuer and audience', () => {
    expect(() => createTokenVerifier({ NODE_ENV: 'production', JWT_SECRET: SECRET, JWT_ISSUER: 'https://idp.test/' })).toThrow(/JWT_ISSUER and JWT_AUDIENCE/);
  });
});

describe('token settings (parseEnv)', () => {
  const problems = (env: NodeJS.ProcessEnv): string[] => {
    try {
      parseEnv(baseEnvSchema, { PORT: '1', ...env });
      return [];
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      return err.problems;
    }
  };
  beforeAll(() => jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  test('no secret and no opt-in: refused, naming the opt-in', () => {
    expect(problems({})).toEqual([expect.stringMatching(/JWT_SECRET or JWT_JWKS_URL is required .*ALLOW_DEV_JWT_SECRET=true/)]);
    expect(problems({ NODE_ENV: 'development', HOST: '127.0.0.1' })).toHaveLength(1);
  });

  test('the development secret configured explicitly still needs the opt-in', () => {
    expect(problems({ JWT_SECRET: devJwtSecret })).toEqual([expect.stringMatching(/well-known development secret/)]);
  });

  test('opt-in on a loopback HOST: the development secret, with a loud warning', () => {
    const warn = process.emitWarning as unknown as jest.Mock;
    warn.mockClear();
    for (const HOST of ['127.0.0.1', 'localhost', '::1']) {
      expect(parseEnv(baseEnvSchema, { PORT: '1', ALLOW_DEV_JWT_SECRET: 'true', HOST }).JWT_SECRET).toBe(devJwtSecret);
    }
    expect(warn).toHaveBeenCalledTimes(3);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/PUBLIC development secret/);
  });

  test('opt-in on a non-loopback HOST is refused', () => {
    expect(problems({ ALLOW_DEV_JWT_SECRET: 'true', HOST: '0.0.0.0' })).toEqual([expect.stringMatching(/refused on HOST=0\.0\.0\.0/)]);
    expect(problems({ ALLOW_DEV_JWT_SECRET: 'true', HOST: '10.0.0.7' })).toHaveLength(1);
  });

  test('production refuses the development secret even when opted in, and requires issuer and audience', () => {
    expect(problems({ NODE_ENV: 'production', ALLOW_DEV_JWT_SECRET: 'true' })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/production needs its own secret/),
        expect.stringMatching(/^JWT_ISSUER/),
        expect.stringMatching(/^JWT_AUDIENCE/),
      ]),
    );
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toEqual([expect.stringMatching(/^JWT_ISSUER/), expect.stringMatching(/^JWT_AUDIENCE/)]);
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: SECRET, JWT_ISSUER: 'https://idp.test/', JWT_AUDIENCE: 'vinculo' })).toEqual([]);
  });

  test('a real secret needs no opt-in, whatever HOST', () => {
    expect(problems({ JWT_SECRET: SECRET, HOST: '0.0.0.0' })).toEqual([]);
  });

  test('loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'example.com', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});

describe('staff registry (applyStaffAccess)', () => {
  const principal: Principal = { userId: 'ana', tenantId: 'demo', roles: ['ADMIN', 'ACCOUNT_EXECUTIVE'], scopes: ['read', 'write'] };

  test('a sub that is not a registered employee keeps the token roles (machine clients, ADMIN bootstrap)', () => {
    expect(applyStaffAccess(principal, null)).toEqual(principal);
  });

  test('a deactivated employee is UNAUTHENTICATED', () => {
    expect(() => applyStaffAccess(principal, { roles: ['ADMIN', 'ACCOUNT_EXECUTIVE'], active: false })).toThrow(
      expect.objectContaining({ kind: 'unauthenticated' }),
    );
  });

  test('removed roles narrow the token to the roles held now; the registry never adds roles', () => {
    expect(applyStaffAccess(principal, { roles: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK'], active: true }).roles).toEqual(['ACCOUNT_EXECUTIVE']);
    expect(applyStaffAccess(principal, { roles: ['ADMIN', 'ACCOUNT_EXECUTIVE'], active: true })).toEqual(principal);
  });

  test('no token role held any more → FORBIDDEN', () => {
    expect(() => applyStaffAccess(principal, { roles: ['COMMERCIAL_CLERK'], active: true })).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });
});
