import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { runWithContext } from '../log/context';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's correlation id: a well-formed `x-request-id` header, else a new one. */
export function requestIdOf(req: Request): string {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}

/** Express middleware: run the rest of the request inside its work context (logs, event envelopes). */
export const correlation: RequestHandler = (req, res, next) => {
  const correlationId = requestIdOf(req);
  // Later readers (the GraphQL context, the forwarded header) must see this same id.
  req.headers['x-request-id'] = correlationId;
  res.setHeader('x-request-id', correlationId);
  runWithContext({ correlationId, origin: 'request' }, () => next());
};
