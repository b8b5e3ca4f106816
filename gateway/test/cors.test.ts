import { ConfigError } from '@vinculo/common';
import { corsPolicyOf, originAllowed, LOOPBACK_ORIGINS } from '../src/http/cors';

describe('CORS allowlist (CORS_ORIGINS)', () => {
  it('allows no origin by default in production', () => {
    const policy = corsPolicyOf(undefined, true);
    expect(policy.origins).toEqual([]);
    expect(originAllowed(policy, 'http://localhost:3000')).toBe(false);
  });

  it('allows loopback origins on any port by default outside production, and nothing else', () => {
    const policy = corsPolicyOf(undefined, false);
    expect(policy.origins).toEqual([...LOOPBACK_ORIGINS]);
    expect(originAllowed(policy, 'http://localhost:5173')).toBe(true);
    expect(originAllowed(policy, 'http://127.0.0.1:4000')).toBe(true);
    expect(originAllowed(policy, 'http://localhost')).toBe(true);
    expect(originAllowed(policy, 'http://localhost.evil.com')).toBe(false);
    expect(originAllowed(policy, 'http://localhost:5173.evil.com')).toBe(false);
    expect(originAllowed(policy, 'https://app.example.com')).toBe(false);
  });

  it('takes exact origins from CORS_ORIGINS, case-insensitively, replacing the default', () => {
    const policy = corsPolicyOf(' https://app.example.com, https://Ops.example.com:8443 ', false);
    expect(originAllowed(policy, 'https://app.example.com')).toBe(true);
    expect(originAllowed(policy, 'https://ops.example.com:8443')).toBe(true);
    expect(originAllowed(policy, 'https://ops.example.com')).toBe(false);
    expect(originAllowed(policy, 'http://app.example.com')).toBe(false);
    expect(originAllowed(policy, 'http://localhost:5173')).toBe(false);
  });

  it('an empty CORS_ORIGINS closes the door outside production too', () => {
    expect(corsPolicyOf('', false).origins).toEqual([]);
  });

  it('refuses at start-up an entry that is not an origin (a wildcard, a path, a trailing slash)', () => {
    for (const bad of ['*', 'https://app.example.com/', 'app.example.com', 'https://app.example.com/graphql']) {
      expect(() => corsPolicyOf(bad, true)).toThrow(ConfigError);
    }
  });
});
