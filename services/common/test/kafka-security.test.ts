/** Kafka SASL/TLS settings (issue #14 "Events"): validated together at start, turned into kafkajs options. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, kafkaSecurityOf, parseEnv, serviceEnvSchema } from '@vinculo/common';

const base = { PORT: '1', MONGODB_URI: 'mongodb://127.0.0.1:1', KAFKA_BROKERS: 'k:9093', JWT_SECRET: 'a-test-secret-of-at-least-thirty-two-characters' };
const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    parseEnv(serviceEnvSchema, { ...base, ...env });
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
};

describe('Kafka security settings', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kafka-ca-'));
  const ca = path.join(dir, 'ca.pem');
  writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

  test('none set: plaintext, no SASL', () => {
    const env = parseEnv(serviceEnvSchema, base);
    expect(kafkaSecurityOf(env)).toEqual({});
  });

  test('SCRAM over TLS with a private CA', () => {
    const env = parseEnv(serviceEnvSchema, {
      ...base,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'vinculo-sales',
      KAFKA_SASL_PASSWORD: 'pw',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: ca,
    });
    expect(kafkaSecurityOf(env)).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'vinculo-sales', password: 'pw' },
      ssl: { rejectUnauthorized: true, ca: [expect.stringContaining('BEGIN CERTIFICATE')] },
    });
    expect(kafkaSecurityOf(parseEnv(serviceEnvSchema, { ...base, KAFKA_SSL: 'true' }))).toEqual({ ssl: true });
  });

  test('SASL settings come all three or none', () => {
    expect(problems({ KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toEqual([
      expect.stringMatching(/^KAFKA_SASL_\*: set .* together \(only KAFKA_SASL_MECHANISM given\)/),
    ]);
    expect(problems({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toHaveLength(1);
    expect(problems({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toEqual([
      expect.stringMatching(/^KAFKA_SASL_MECHANISM/),
    ]);
  });

  test('a CA file needs TLS on and must exist; PLAIN needs TLS in production', () => {
    expect(problems({ KAFKA_SSL_CA_FILE: ca })).toEqual(['KAFKA_SSL_CA_FILE: needs KAFKA_SSL=true']);
    expect(problems({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: path.join(dir, 'missing.pem') })).toEqual([
      expect.stringMatching(/^KAFKA_SSL_CA_FILE: no such file/),
    ]);
    const prod = {
      NODE_ENV: 'production',
      JWT_ISSUER: 'https://idp.test/',
      JWT_AUDIENCE: 'vinculo',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
    };
    expect(problems(prod)).toEqual([expect.stringMatching(/^KAFKA_SASL_MECHANISM: plain sends the password in clear/)]);
    expect(problems({ ...prod, KAFKA_SSL: 'true' })).toEqual([]);
  });
});
