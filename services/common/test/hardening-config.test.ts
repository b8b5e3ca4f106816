import { ConfigError } from '../src/config/env';
import { loadSubgraphHardening } from '../src/config/hardening';
import { sameSecret } from '../src/auth/internal-token';

describe('hardening settings', () => {
  it('require the gateway credential and the metrics token in production, listing both', () => {
    expect(() => loadSubgraphHardening({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) })).toThrow(ConfigError);
    try {
      loadSubgraphHardening({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(['INTERNAL_API_TOKEN: required in production', 'METRICS_TOKEN: required in production']);
    }
    const env = loadSubgraphHardening({
      NODE_ENV: 'production',
      JWT_SECRET: 's'.repeat(40),
      INTERNAL_API_TOKEN: 'i'.repeat(32),
      METRICS_TOKEN: 'm'.repeat(32),
    });
    expect(env.MAX_REPRESENTATIONS).toBe(1000);
    expect(env.MONGO_MAX_TIME_MS).toBe(8000);
  });

  it('leave them optional elsewhere, and refuse short secrets anywhere', () => {
    expect(loadSubgraphHardening({ NODE_ENV: 'development' }).INTERNAL_API_TOKEN).toBeUndefined();
    expect(() => loadSubgraphHardening({ NODE_ENV: 'test', INTERNAL_API_TOKEN: 'short' })).toThrow(/at least 32 characters/);
  });

  it('compare secrets exactly, whatever the lengths', () => {
    expect(sameSecret('a'.repeat(32), 'a'.repeat(32))).toBe(true);
    expect(sameSecret('a'.repeat(31), 'a'.repeat(32))).toBe(false);
    expect(sameSecret(undefined, 'a'.repeat(32))).toBe(false);
    expect(sameSecret(['a'.repeat(32)], 'a'.repeat(32))).toBe(false);
  });
});
