import { GraphQLError, type ASTNode } from 'graphql';

/** A request-shape limit was exceeded: the client's fault, so BAD_USER_INPUT (closed code set). */
export function limitExceeded(message: string, node: ASTNode, limit: 'depth' | 'aliases'): GraphQLError {
  return new GraphQLError(message, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', limit } });
}
