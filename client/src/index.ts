import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/**
 * @vinculo/client: every operation of client/operations as a TypedDocumentNode (generated at build time
 * from schemas/supergraph.graphql by graphql-codegen's client preset: result and variables typed), and a
 * minimal caller over fetch. Front ends may pass the documents to any GraphQL client that understands
 * TypedDocumentNode (Apollo Client, urql, graphql-request) instead.
 */
export * from './__generated__/graphql';
export type { TypedDocumentNode };

/** One error of a GraphQL answer; `extensions.code` is one of the graph's closed list. */
export interface GraphError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

export interface Answer<R> {
  data?: R | null;
  errors?: GraphError[];
  status: number;
}

export interface ClientOptions {
  /** The gateway's /graphql URL. */
  url: string;
  /** A bearer token (staff) or an API key's token (PARTNER, REPORTING). */
  token?: string;
  headers?: Record<string, string>;
}

/** Thrown by `request` when the answer carries errors: the first error's code, all errors kept. */
export class GraphRequestError extends Error {
  constructor(
    readonly errors: GraphError[],
    readonly status: number,
  ) {
    super(`${errors[0]?.extensions?.code ?? 'ERROR'}: ${errors.map((e) => e.message).join('; ')}`);
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

type Vars<V> = V extends Record<string, never> ? [variables?: V] : [variables: V];

export function createClient(options: ClientOptions) {
  async function execute<R, V>(document: TypedDocumentNode<R, V> | DocumentNode, ...[variables]: Vars<V>): Promise<Answer<R>> {
    const res = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
    });
    const body = (await res.json()) as Omit<Answer<R>, 'status'>;
    return { ...body, status: res.status };
  }
  return {
    /** The whole answer (data and errors). */
    execute,
    /** The data, or a GraphRequestError with the answer's errors. */
    async request<R, V>(document: TypedDocumentNode<R, V>, ...variables: Vars<V>): Promise<R> {
      const answer = await execute(document, ...variables);
      if (answer.errors?.length || answer.data == null)
        throw new GraphRequestError(answer.errors ?? [{ message: `HTTP ${answer.status} without data` }], answer.status);
      return answer.data;
    },
  };
}
export type Client = ReturnType<typeof createClient>;
