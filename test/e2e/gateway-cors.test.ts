/**
 * Browsers can call the graph (issue 15, item 1): the test stack runs outside production, where the
 * gateway allows front ends served from this machine (loopback origins) and no other. A preflight is
 * answered before authentication (it carries no token); a real cross-origin request from an allowed
 * origin gets its origin echoed, never with credentials; a refused origin gets no CORS header at all.
 */
import { execute, expectNoGraphQLErrors, testStack, tokenFor, uniqueTenant } from '@vinculo/common/testing';

const ALLOWED = 'http://localhost:5173';
const REFUSED = 'https://evil.example.com';

function preflight(origin: string): Promise<Response> {
  return fetch(testStack().gatewayUrl, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
}

describe('CORS at the gateway', () => {
  it('answers the preflight of an allowed origin before auth (204, no token), without credentials', async () => {
    const res = await preflight(ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowHeaders = res.headers.get('access-control-allow-headers') ?? '';
    expect(allowHeaders).toContain('authorization');
    expect(allowHeaders).toContain('content-type');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('refuses the preflight of an origin not on the allowlist (403, no CORS header)', async () => {
    const res = await preflight(REFUSED);
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves a real cross-origin request from an allowed origin with its origin echoed', async () => {
    const token = await tokenFor(uniqueTenant('cors'), ['ACCOUNT_EXECUTIVE']);
    const res = await execute('{ customers(first: 1) { edges { node { id } } } }', {}, { token, headers: { origin: ALLOWED } });
    expectNoGraphQLErrors(res);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives a request from a refused origin no CORS header, so the browser withholds the answer', async () => {
    const token = await tokenFor(uniqueTenant('cors'), ['ACCOUNT_EXECUTIVE']);
    const res = await execute('{ customers(first: 1) { edges { node { id } } } }', {}, { token, headers: { origin: REFUSED } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still needs a token for the request itself: CORS opens the door to browsers, not to anonymous callers', async () => {
    const res = await execute('{ customers(first: 1) { edges { node { id } } } }', {}, { headers: { origin: ALLOWED } });
    expect(res.status).toBe(401);
    // The 401 is readable by the front end (it can send the user to sign in).
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });
});
