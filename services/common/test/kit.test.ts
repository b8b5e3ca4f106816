import { GraphQLError } from 'graphql';
import {
  baseEnvSchema,
  ConfigError,
  DomainError,
  EventContracts,
  formatError,
  money,
  newEnvelope,
  pageSize,
  parseEnv,
  serviceEnvSchema,
  toMinorUnits,
  type Principal,
} from '@vinculo/common';

const principal = (scopes: Principal['scopes'] = ['read']): Principal => ({ userId: 'u', tenantId: 't', roles: ['ADMIN'], scopes });

describe('errors reach clients only with closed codes', () => {
  test('a DomainError maps to its code and keeps the rule id', () => {
    const err = new GraphQLError('x', { originalError: new DomainError('rule_violated', 'Account not up to date', { rule: 'R-PS-D1' }) });
    expect(formatError({ message: 'x' }, err)).toEqual({ message: 'Account not up to date', extensions: { code: 'FAILED_PRECONDITION', rule: 'R-PS-D1' } });
  });
  test('an unexpected error is masked', () => {
    const seen: unknown[] = [];
    const out = formatError(
      { message: 'connection refused 10.0.0.5', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      new Error('boom'),
      (e) => seen.push(e),
    );
    expect(out).toEqual({ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(seen).toHaveLength(1);
  });
  test('request validation errors are BAD_USER_INPUT', () => {
    expect(formatError({ message: 'Unknown field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, null).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('pagination', () => {
  test('first is 1..100, up to 1000 with the reporting scope', () => {
    expect(pageSize({}, principal())).toBe(20);
    expect(pageSize({ first: 100 }, principal())).toBe(100);
    expect(() => pageSize({ first: 101 }, principal())).toThrow(DomainError);
    expect(() => pageSize({ first: 0 }, principal())).toThrow(DomainError);
    expect(pageSize({ first: 1000 }, principal(['read', 'reporting']))).toBe(1000);
    expect(() => pageSize({ first: 100000 }, principal(['read', 'reporting']))).toThrow(DomainError);
  });
});

describe('money in minor units', () => {
  test('round-trips decimals per currency', () => {
    expect(money(1250, 'BOB')).toEqual({ amount: '12.50', currency: 'BOB' });
    expect(money(-5, 'MXN')).toEqual({ amount: '-0.05', currency: 'MXN' });
    expect(toMinorUnits('12.5', 'BOB')).toBe(1250);
    expect(() => toMinorUnits('12.555', 'BOB')).toThrow(DomainError);
    expect(() => toMinorUnits('abc', 'BOB')).toThrow(DomainError);
  });
});

describe('configuration', () => {
  test('every problem is listed at once', () => {
    try {
      parseEnv(serviceEnvSchema, { PORT: 'x', MONGODB_URI: 'http://nope', KAFKA_BROKERS: '' });
      throw new Error('expected ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['PORT', 'MONGODB_URI', 'KAFKA_BROKERS']));
    }
  });
  test('production needs a JWT secret or JWKS; development gets the dev secret only when opted in', () => {
    expect(() => parseEnv(baseEnvSchema, { PORT: '1', NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(parseEnv(baseEnvSchema, { PORT: '1', ALLOW_DEV_JWT_SECRET: 'true' }).JWT_SECRET).toBeDefined();
  });
});

describe('event contracts (schemas/events)', () => {
  const contracts = new EventContracts();
  const event = newEnvelope(
    'customers',
    { tenantId: 'demo', userId: 'u', roles: ['ADMIN'] },
    {
      type: 'customers.CustomerRegistered',
      subject: 'cus_1',
      data: { customerId: 'cus_1', kind: 'BUSINESS', name: 'Acme', taxId: '1234567', identityCard: null, status: 'PROSPECT' },
    },
  );
  test('a well-formed event passes', () => expect(contracts.check(event)).toEqual({ ok: true, event }));
  test('data breaking its type contract is refused with the reason', () => {
    const r = contracts.check({ ...event, data: { ...event.data, kind: 'ROBOT' } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/customers\.CustomerRegistered v1 data: \/kind/);
  });
  test('an envelope without tenant, or an unknown type, is refused', () => {
    const { tenantId: _t, ...noTenant } = event;
    expect(contracts.check(noTenant).ok).toBe(false);
    expect(contracts.check({ ...event, type: 'customers.Unknown' })).toEqual({ ok: false, reason: 'no contract for customers.Unknown v1' });
  });
  test('every contract file compiles and names its type', () => {
    expect(contracts.types()).toEqual(expect.arrayContaining(['customers.CustomerRegistered@1', 'sales.SalesOrderPlaced@1', 'techsupport.WorkOrderCreated@1']));
  });
});
