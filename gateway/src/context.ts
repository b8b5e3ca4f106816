import type { Logger, Principal } from '@vinculo/common';

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
