import type { Response } from 'express';
import type { ErrorCode } from '@vinculo/common';

/**
 * Answer a request the gateway refuses before GraphQL runs (auth, rate limit, body) in the same
 * shape GraphQL errors have, so clients handle one format.
 */
export function sendGraphQLError(res: Response, status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): void {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }));
}
