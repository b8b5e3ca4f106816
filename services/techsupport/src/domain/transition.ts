import { DomainError } from '@vinculo/common';

/** An act the entity's current state does not allow: CONFLICT naming that state (`details.current`). */
export const illegalTransition = (entity: string, status: string, what: string): DomainError =>
  new DomainError('illegal_transition', `A ${entity} in ${status} cannot be ${what}`, { current: status });
