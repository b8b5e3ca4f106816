import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_CREDENTIAL_HEADER } from '@vinculo/common';
import type { GatewayContext } from '../context';
import type { SubgraphAnswer, SubgraphPost } from './fetcher';
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

export interface SubgraphDataSourceOptions {
  /** The subgraph's name as composed (`techsupport`), the one clients see when it fails. */
  name: string;
  url: string;
  post: SubgraphPost;
  onFailure?: SubgraphFailureListener;
  /** The gateway's credential towards the subgraphs (INTERNAL_API_TOKEN), sent on every request. */
  credential?: string;
}

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type Answer = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

const JSON_TYPES = /^application\/(graphql-response\+)?json\b/;

/** The GraphQL response in an answer's body; undefined when the body is not a JSON object. */
export function graphqlBodyOf(answer: SubgraphAnswer): Record<string, unknown> | undefined {
  if (!answer.contentType || !JSON_TYPES.test(answer.contentType)) return undefined;
  try {
    const body: unknown = JSON.parse(answer.text);
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A subgraph as the gateway calls it. The caller's `authorization` goes along unchanged (each subgraph
 * verifies the token again and scopes data to its tenant), and so does `x-request-id`, so logs and
 * events downstream carry the same correlation id; every request carries the gateway credential.
 *
 * A request that fails becomes an error naming the subgraph (its fields answer null, the rest of the
 * answer stands): no answer in time, a non-2xx status, or a body that is not a GraphQL response. A
 * subgraph's own refusal of the caller (401/403/400 with a GraphQL error of the closed list) is passed
 * on as the subgraph said it.
 *
 * Not RemoteGraphQLDataSource: that builds fetch request, headers and response objects for every call
 * and reads every body twice (buffer, string); this sends the body text and parses the answer text once.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly name: string;
  private readonly url: string;
  private readonly post: SubgraphPost;
  private readonly onFailure: SubgraphFailureListener | undefined;
  private readonly credential: string | undefined;

  constructor(opts: SubgraphDataSourceOptions) {
    this.name = opts.name;
    this.url = opts.url;
    this.post = opts.post;
    this.onFailure = opts.onFailure;
    this.credential = opts.credential;
  }

  async process(options: ProcessOptions): Promise<Answer> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    // Headers the gateway itself sets on a fetch (none in this configuration), then ours.
    for (const [name, value] of request.http?.headers ?? []) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    // Subgraphs answer only the gateway: every request, client operation or not, carries the credential.
    if (this.credential) headers[GATEWAY_CREDENTIAL_HEADER] = this.credential;
    // Only client operations carry our context (the request-kind enum is not exported by the package).
    const context = 'incomingRequestContext' in options ? options.context : undefined;
    if (context) {
      headers.authorization = context.authorization;
      headers['x-request-id'] = context.requestId;
    }
    // The operation text first: in-flight deduplication tells reads by it (dedupe.ts).
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      extensions: request.extensions,
    });

    let answer: SubgraphAnswer;
    try {
      answer = await this.post(this.url, { headers, body });
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      return this.fail(classifySubgraphFailure(error, undefined), error, context);
    }
    const response = graphqlBodyOf(answer);
    if (answer.status < 200 || answer.status > 299) {
      const refusal = subgraphRefusal(this.name, answer.status, response);
      if (refusal) throw refusal;
      return this.fail('bad_status', new Error(`${this.url} answered HTTP ${answer.status}`), context);
    }
    if (!response) return this.fail('bad_response', new Error(`${this.url} answered HTTP ${answer.status} with no GraphQL response`), context);
    return response as Answer;
  }

  private fail(reason: SubgraphFailureReason, error: Error, context: Partial<GatewayContext> | undefined): never {
    this.onFailure?.({ subgraph: this.name, reason, error, context });
    throw new SubgraphUnavailableError(this.name, reason);
  }
}
