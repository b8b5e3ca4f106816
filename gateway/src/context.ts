import type { Request, Response } from 'express';
import { requestIdOf, type Logger, type Principal } from '@vinculo/common';

/** Filled in while a request runs, read by the metrics middleware when the response is sent. */
export interface RequestNote {
  operation?: string;
  outcome?: string;
}

/** What the gateway knows about one GraphQL request. */
export interface GatewayContext {
  principal: Principal;
  /** The raw Authorization header, forwarded as-is so each subgraph verifies it again. */
  authorization: string;
  requestId: string;
  logger: Logger;
  note: RequestNote;
}

/**
 * The request's correlation id: the one `correlation` put on the response (a fresh id when the client
 * sent none; calling `requestIdOf` again would mint a different one).
 */
export function correlationIdOf(req: Request, res: Response): string {
  const header = res.getHeader('x-request-id');
  return typeof header === 'string' ? header : requestIdOf(req);
}
