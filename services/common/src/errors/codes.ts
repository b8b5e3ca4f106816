import { GraphQLError } from 'graphql';

/** The closed set of error codes clients may see (ARCHITECTURE.md "Errors"). */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'FAILED_PRECONDITION',
  // Not a client mistake: an unexpected fault. The message is always masked.
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Domain failures, named by what went wrong in business terms. */
export type DomainErrorKind =
  'invalid_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'already_exists' | 'illegal_transition' | 'stale_version' | 'rule_violated';

/** One exhaustive mapping from domain error kinds to client codes. */
export const CODE_OF_KIND = {
  invalid_input: 'BAD_USER_INPUT',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  already_exists: 'CONFLICT',
  // An act in a state that does not allow it: do something else first (wrongState adds what).
  illegal_transition: 'FAILED_PRECONDITION',
  stale_version: 'CONFLICT',
  rule_violated: 'FAILED_PRECONDITION',
} as const satisfies Record<DomainErrorKind, ErrorCode>;

/** A domain error: raised by pure domain code, turned into a GraphQLError at the edge. */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: { rule?: string; field?: string; [k: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A GraphQLError carrying one of the closed codes (and the R-… rule id when a rule was broken). */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, {
      extensions: {
        code,
        ...extra,
        ...(code === 'UNAUTHENTICATED' ? { http: { status: 401 } } : {}),
      },
    });
  }
}

export const badInput = (message: string, field?: string): DomainError => new DomainError('invalid_input', message, field ? { field } : {});
export const notFound = (what: string, id: string): DomainError => new DomainError('not_found', `${what} ${id} not found`);
export const forbidden = (message: string): DomainError => new DomainError('forbidden', message);
export const unauthenticated = (message = 'Authentication required'): DomainError => new DomainError('unauthenticated', message);
export const conflict = (message: string, details: Record<string, unknown> = {}): DomainError => new DomainError('already_exists', message, details);
export const ruleViolated = (rule: string, message: string): DomainError => new DomainError('rule_violated', message, { rule });

/** Turn a DomainError into the GraphQLError clients see. */
export function toGraphQLError(err: DomainError): AppError {
  return new AppError(CODE_OF_KIND[err.kind], err.message, err.details);
}
