import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Validation rule: the graph serves queries and mutations only. A `subscription` operation is the
 * client's mistake and answered as such (BAD_USER_INPUT), instead of failing inside the gateway's
 * executor (which has no subscription transport) as an internal error.
 */
export const operationKindRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') {
      context.reportError(
        new GraphQLError('Subscriptions are not served by this graph: use a query (and poll) instead', {
          nodes: [node],
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      );
    }
  },
});
