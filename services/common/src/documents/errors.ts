import { DomainError } from '../errors/codes';

/** A request that cannot be served in the current state (FAILED_PRECONDITION), naming the field at fault. */
export const failedPrecondition = (message: string, field?: string): DomainError => new DomainError('rule_violated', message, field ? { field } : {});
