import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { DomainError, ERROR_CODES, type ErrorCode, CODE_OF_KIND } from './codes';

const CLOSED = new Set<string>(ERROR_CODES);

/** Apollo/graphql-js codes for malformed requests: the client sent something bad. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * formatError for every server: keeps only codes from the closed list, maps request errors to
 * BAD_USER_INPUT, and masks anything unexpected so no stack trace or internal message leaks.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, onInternal?: (err: unknown) => void): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof DomainError) {
    return withCode(formatted, CODE_OF_KIND[original.kind], original.message, original.details);
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLOSED.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _drop, ...ext } = formatted.extensions ?? {};
    return { ...formatted, extensions: ext };
  }
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return withCode(formatted, 'BAD_USER_INPUT', formatted.message, { reason: code });
  }
  onInternal?.(error);
  return withCode(formatted, 'INTERNAL_SERVER_ERROR', 'Internal error', {});
}

function withCode(formatted: GraphQLFormattedError, code: ErrorCode, message: string, extra: Record<string, unknown>): GraphQLFormattedError {
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code, ...extra },
  };
}
