import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from '../context';

/**
 * A subgraph as the gateway calls it: the caller's `authorization` goes along unchanged (each
 * subgraph verifies the token again and scopes data to its tenant), and so does `x-request-id`, so
 * logs and events downstream carry the same correlation id.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Only client operations carry our context (the request-kind enum is not exported by the package).
    if (!('incomingRequestContext' in options)) return;
    const headers = options.request.http?.headers;
    if (!headers) return;
    headers.set('authorization', options.context.authorization);
    headers.set('x-request-id', options.context.requestId);
  }
}
