import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type ValidationRule } from 'graphql';

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

/**
 * A document whose operation cannot be chosen (an unknown `operationName`, or several operations and
 * none named) is refused here as BAD_USER_INPUT. Apollo Server leaves choosing to the gateway's
 * executor, which throws a bare error that would be answered as an internal one.
 */
export function operationResolutionPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (operation) return;
          const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}"; the document has ${names.join(', ') || 'none'}`
            : `The document has several operations (${names.join(', ')}): say which one with operationName`;
          throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        },
      };
    },
  };
}
