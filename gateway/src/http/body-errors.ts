import type { ErrorRequestHandler } from 'express';
import type { Logger } from '@vinculo/common';
import { sendGraphQLError } from './graphql-error';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * Error handler for what fails before GraphQL runs, mostly body parsing: too large → 413, malformed
 * JSON → 400, both BAD_USER_INPUT. Anything else is masked as an internal error and logged.
 */
export function requestErrorHandler(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    const e = (typeof err === 'object' && err !== null ? err : {}) as BodyParserError;
    if (e.type === 'entity.too.large') {
      return sendGraphQLError(res, 413, 'BAD_USER_INPUT', `Request body exceeds ${maxBodyBytes} bytes`);
    }
    if (e.type === 'entity.parse.failed') {
      return sendGraphQLError(res, 400, 'BAD_USER_INPUT', 'Request body is not valid JSON');
    }
    if (e.expose && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendGraphQLError(res, e.status, 'BAD_USER_INPUT', 'Request body cannot be read');
    }
    logger.error({ err }, 'unexpected error before GraphQL execution');
    sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal error');
  };
}
