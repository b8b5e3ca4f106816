import type { Logger, Principal } from '@vinculo/common';

/** Filled in while a request runs, read by the metrics middleware when the response is sent. */
export interface RequestNote {
  operation?: string;
  outcome?: string;
}

/** What the gateway knows about one GraphQL request. */
export interface GatewayContext {
  principal: Principal;
  /**
   * What goes to the subgraphs as Authorization, which each verifies again: a person's header as
   * sent, or for an API key the short-lived token the gateway minted for its principal.
   */
  authorization: string;
  requestId: string;
  logger: Logger;
  note: RequestNote;
}
