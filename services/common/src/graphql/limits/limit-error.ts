import { GraphQLError, type ASTNode } from 'graphql';

/** The request-shape limits a server enforces; `extensions.limit` names the one exceeded. */
export type RequestLimit = 'depth' | 'aliases' | 'cost' | 'representations' | 'tokens' | 'filter';

/**
 * A request-shape limit was exceeded: the client's fault, so BAD_USER_INPUT (closed code set).
 * Thrown from a plugin hook (not reported by a validation rule), it needs `httpStatus`: Apollo Server
 * answers such errors with 500 unless told (it reads and drops `extensions.http`).
 */
export function limitExceeded(message: string, node: ASTNode | undefined, limit: RequestLimit, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, {
    ...(node ? { nodes: [node] } : {}),
    extensions: { code: 'BAD_USER_INPUT', limit, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}
