import { authorize, DomainError, ROLES, type Principal, type Role } from '@vinculo/common';
import { policy } from '../src/policy';

const as = (role: Role): Principal => ({ userId: 'u-1', tenantId: 'acme', roles: [role], scopes: ['read', 'write'] });

function forbiddenKind(fn: () => void): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.kind;
    throw err;
  }
  return undefined;
}

describe('collections policy', () => {
  it('lets COMMERCIAL_CLERK and ADMIN open billing accounts', () => {
    expect([...policy.openBillingAccount].sort()).toEqual(['ADMIN', 'COMMERCIAL_CLERK']);
    for (const role of policy.openBillingAccount) expect(() => authorize(policy, 'openBillingAccount', as(role))).not.toThrow();
  });

  it.each(ROLES.filter((r) => !policy.openBillingAccount.includes(r)))('forbids %s to open billing accounts', (role) => {
    expect(forbiddenKind(() => authorize(policy, 'openBillingAccount', as(role)))).toBe('forbidden');
  });

  it('lets every role, partners included, read billing accounts', () => {
    for (const role of ROLES) expect(() => authorize(policy, 'readCollections', as(role))).not.toThrow();
  });

  it('forbids a caller with no role', () => {
    const nobody: Principal = { userId: 'u-2', tenantId: 'acme', roles: [], scopes: ['read'] };
    expect(forbiddenKind(() => authorize(policy, 'readCollections', nobody))).toBe('forbidden');
  });
});
