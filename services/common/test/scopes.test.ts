import { parse, type OperationDefinitionNode } from 'graphql';
import { SignJWT } from 'jose';
import { createTokenVerifier, devJwtSecret, rootFieldsOf, scopeRefusal, STAFF, type Principal } from '../src';

const who = (roles: Principal['roles'], scopes: Principal['scopes']): Principal => ({ userId: 'u', tenantId: 't', roles, scopes });
const allowed = (p: Principal, kind: 'query' | 'mutation', fields: string[]) => scopeRefusal(p, kind, fields) === null;

describe('scopes, deny by default', () => {
  test('a token without a scopes claim has no scopes', async () => {
    const token = await new SignJWT({ tenant: 't', roles: ['ACCOUNT_EXECUTIVE'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(devJwtSecret));
    const principal = await createTokenVerifier({ JWT_SECRET: devJwtSecret })(`Bearer ${token}`);
    expect(principal.scopes).toEqual([]);
    expect(allowed(principal, 'query', ['customers'])).toBe(false);
    expect(allowed(principal, 'mutation', ['registerCustomer'])).toBe(false);
  });

  test('queries need read, mutations need write', () => {
    expect(allowed(who(['ADMIN'], ['read']), 'query', ['customers'])).toBe(true);
    expect(allowed(who(['ADMIN'], ['write']), 'query', ['customers'])).toBe(false);
    expect(allowed(who(['ADMIN'], ['read']), 'mutation', ['registerCustomer'])).toBe(false);
    expect(allowed(who(['ADMIN'], ['write']), 'mutation', ['registerCustomer'])).toBe(true);
    expect(scopeRefusal(who(['ADMIN'], []), 'query', ['tenant'])?.kind).toBe('forbidden');
  });

  test('a partner needs the fine scope of its act on top of write; staff are governed by their roles', () => {
    const partner = (scopes: Principal['scopes']) => who(['PARTNER'], scopes);
    expect(allowed(partner(['read']), 'mutation', ['registerPayment'])).toBe(false);
    expect(allowed(partner(['read', 'write']), 'mutation', ['registerPayment'])).toBe(false);
    expect(allowed(partner(['payments:write']), 'mutation', ['registerPayment'])).toBe(false);
    expect(allowed(partner(['write', 'payments:write']), 'mutation', ['registerPayment'])).toBe(true);
    expect(allowed(partner(['write', 'payments:write']), 'mutation', ['registerPayment', 'importInvoice'])).toBe(false);
    expect(allowed(partner(['write', 'billing:write']), 'mutation', ['importInvoice'])).toBe(true);
    expect(allowed(partner(['write']), 'mutation', ['receiveDigitalSaleRequest'])).toBe(false);
    expect(allowed(partner(['write', 'digital-requests:write']), 'mutation', ['receiveDigitalSaleRequest'])).toBe(true);
    expect(allowed(partner(['write', 'payments:write']), 'query', ['customers'])).toBe(false);
    expect(allowed(who(['COMMERCIAL_CLERK'], ['read', 'write']), 'mutation', ['registerPayment'])).toBe(true);
  });

  test('REPORTING reads and never mutates, whatever its scopes; it is not staff', () => {
    expect(STAFF).not.toContain('REPORTING');
    expect(STAFF).not.toContain('PARTNER');
    const reporting = who(['REPORTING'], ['read', 'write', 'reporting', 'payments:write']);
    expect(allowed(reporting, 'query', ['customers'])).toBe(true);
    expect(allowed(reporting, 'mutation', ['registerPayment'])).toBe(false);
    expect(allowed(reporting, 'mutation', ['registerCustomer'])).toBe(false);
  });

  test('root fields are found through fragments and inline fragments', () => {
    const doc = parse(`
      mutation M { ...F ... on Mutation { importInvoice(input: {}) { x } } }
      fragment F on Mutation { registerPayment(input: {}) { x } ...F }
    `);
    const op = doc.definitions[0] as OperationDefinitionNode;
    expect(rootFieldsOf(op, doc).sort()).toEqual(['importInvoice', 'registerPayment']);
    const partner = who(['PARTNER'], ['write', 'payments:write']);
    expect(scopeRefusal(partner, 'mutation', rootFieldsOf(op, doc))?.message).toMatch(/billing:write/);
  });
});
