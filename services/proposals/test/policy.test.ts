import { authorize, DomainError, ROLES, STAFF, type Principal, type Role } from '@vinculo/common';
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

describe('proposals policy', () => {
  it('lets COMMERCIAL_DIRECTOR and ADMIN register leads', () => {
    expect([...policy.registerLead].sort()).toEqual(['ADMIN', 'COMMERCIAL_DIRECTOR']);
    for (const role of policy.registerLead) expect(() => authorize(policy, 'registerLead', as(role))).not.toThrow();
  });

  it.each(ROLES.filter((r) => !policy.registerLead.includes(r)))('forbids %s to register leads', (role) => {
    expect(forbiddenKind(() => authorize(policy, 'registerLead', as(role)))).toBe('forbidden');
  });

  it('lets every staff role read leads', () => {
    for (const role of STAFF) expect(() => authorize(policy, 'readProposals', as(role))).not.toThrow();
  });

  it('forbids partners to read leads', () => {
    expect(forbiddenKind(() => authorize(policy, 'readProposals', as('PARTNER')))).toBe('forbidden');
  });
});
