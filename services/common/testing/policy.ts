import { authorize, type Policy } from '../src/auth/policy';
import { DomainError } from '../src/errors/codes';
import { ROLES, type Role } from '../src/auth/roles';

/** The DomainError `fn` throws; fails when it throws nothing or something else. */
export function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

/**
 * Every role against every action of a policy table, compared with the roles the test expects:
 * returns the roles whose outcome differs (empty when `authorize` and the table agree with `expected`).
 */
export function policyMismatches<A extends string>(policy: Policy<A>, expected: Record<A, readonly Role[]>): string[] {
  const wrong: string[] = [];
  for (const action of Object.keys(expected) as A[]) {
    for (const role of ROLES) {
      let allowed = true;
      try {
        authorize(policy, action, { userId: 'u', tenantId: 't', roles: [role], scopes: ['read', 'write'] });
      } catch (err) {
        if (!(err instanceof DomainError) || err.kind !== 'forbidden') throw err;
        allowed = false;
      }
      if (allowed !== expected[action].includes(role)) wrong.push(`${action}: ${role} ${allowed ? 'allowed' : 'forbidden'}`);
    }
  }
  const extra = Object.keys(policy).filter((a) => !(a in expected));
  return [...wrong, ...extra.map((a) => `${a}: not covered by the test`)];
}
