import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_CREDENTIAL_HEADER } from '@vinculo/common';
import type { GatewayContext } from '../context';
import type { Fetcher } from './fetcher';
import { classifySubgraphFailure, subgraphRefusal, SubgraphUnavailableError, type SubgraphFailureReason } from './failure';

/** What the gateway does with a failed fetch besides answering null (log it, count it). */
export type SubgraphFailureListener = (failure: {
  subgraph: string;
  reason: SubgraphFailureReason;
  /** The original error, with its internals (URL, network error): for the log only. */
  error: Error;
  /** The request's context; absent for calls that are not client operations. */
  context: Partial<GatewayContext> | undefined;
}) => void;

export interface ForwardingDataSourceOptions {
  /** The subgraph's name as composed (`techsupport`), the one clients see when it fails. */
  name: string;
  url: string | undefined;
  fetcher: Fetcher;
  onFailure?: SubgraphFailureListener;
  /** The gateway's credential towards the subgraphs (INTERNAL_API_TOKEN), sent on every fetch. */
  credential?: string;
}

type EncounterArgs = Parameters<RemoteGraphQLDataSource<GatewayContext>['didEncounterError']>;

/**
 * A subgraph as the gateway calls it: the caller's `authorization` goes along unchanged (each
 * subgraph verifies the token again and scopes data to its tenant), and so does `x-request-id`, so
 * logs and events downstream carry the same correlation id. A fetch that fails becomes an error
 * naming the subgraph: @apollo/gateway names the subgraph only on errors a subgraph returns, and
 * passes a network error on as it is (its message holds the URL).
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;
  private readonly onFailure: SubgraphFailureListener | undefined;
  private readonly credential: string | undefined;

  constructor(opts: ForwardingDataSourceOptions) {
    super({ url: opts.url, fetcher: opts.fetcher });
    this.subgraph = opts.name;
    this.onFailure = opts.onFailure;
    this.credential = opts.credential;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // Subgraphs answer only the gateway: every fetch, client operation or not, carries the credential.
    if (this.credential) headers.set(GATEWAY_CREDENTIAL_HEADER, this.credential);
    // Only client operations carry our context (the request-kind enum is not exported by the package).
    if (!('incomingRequestContext' in options)) return;
    headers.set('authorization', options.context.authorization);
    headers.set('x-request-id', options.context.requestId);
  }

  /** Called for every failure of the HTTP exchange (no answer, non-2xx, unparsable body); must throw. */
  override didEncounterError(...[error, , response, context]: EncounterArgs): never {
    const status = response?.status;
    const refusal = subgraphRefusal(this.subgraph, status, error);
    if (refusal) throw refusal;
    const reason = classifySubgraphFailure(error, status);
    this.onFailure?.({ subgraph: this.subgraph, reason, error, context });
    throw new SubgraphUnavailableError(this.subgraph, reason);
  }
}
