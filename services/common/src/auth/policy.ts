import { forbidden } from '../errors/codes';
import type { Principal, Role, Scope } from './roles';

/**
 * One table per subgraph: which roles may perform each mutation or read each sensitive field.
 * Declared with `definePolicy` so the table is typed and testable.
 */
export type Policy<A extends string> = Readonly<Record<A, readonly Role[]>>;

export function definePolicy<A extends string>(table: Record<A, readonly Role[]>): Policy<A> {
  return Object.freeze(table);
}

/** Throws FORBIDDEN unless the caller holds one of the roles the policy gives the action. */
export function authorize<A extends string>(policy: Policy<A>, action: A, principal: Principal): void {
  const allowed = policy[action];
  if (!principal.roles.some((r) => allowed.includes(r))) {
    throw forbidden(`Role ${principal.roles.join('/')} may not ${action}`);
  }
}

/** Throws FORBIDDEN unless the caller's token carries the scope. */
export function requireScope(principal: Principal, scope: Scope): void {
  if (!principal.scopes.includes(scope)) throw forbidden(`Scope '${scope}' required`);
}
