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

describe('postsale policy', () => {
  it('lets COMMERCIAL_CLERK and ADMIN register installed products', () => {
    expect([...policy.registerInstalledProduct].sort()).toEqual(['ADMIN', 'COMMERCIAL_CLERK']);
    for (const role of policy.registerInstalledProduct) expect(() => authorize(policy, 'registerInstalledProduct', as(role))).not.toThrow();
  });

  it.each(ROLES.filter((r) => !policy.registerInstalledProduct.includes(r)))('forbids %s to register installed products', (role) => {
    expect(forbiddenKind(() => authorize(policy, 'registerInstalledProduct', as(role)))).toBe('forbidden');
  });

  it('lets every role, partners included, read installed products', () => {
    for (const role of ROLES) expect(() => authorize(policy, 'readPostsale', as(role))).not.toThrow();
  });

  it('forbids a caller with no role', () => {
    const nobody: Principal = { userId: 'u-2', tenantId: 'acme', roles: [], scopes: ['read'] };
    expect(forbiddenKind(() => authorize(policy, 'readPostsale', nobody))).toBe('forbidden');
  });
});
