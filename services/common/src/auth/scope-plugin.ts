import type { ApolloServerPlugin } from '@apollo/server';
import { toGraphQLError } from '../errors/codes';
import type { Principal } from './roles';
import { rootFieldsOf, scopeRefusal } from './scopes';

/**
 * Enforce the caller's scopes once the operation is known and before anything executes: at the
 * gateway no subgraph is called, in a subgraph no resolver runs (defence in depth: a subgraph
 * reached directly applies the same rule). See scopes.ts for the rule.
 */
export function scopePlugin<C extends { principal: Principal }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, response }) {
          if (!operation) return; // Apollo refuses an unresolvable operation itself
          const refusal = scopeRefusal(contextValue.principal, operation.operation, rootFieldsOf(operation, document));
          if (!refusal) return;
          // Refused before execution: 403 (Apollo would answer 500), which the gateway relays as a refusal.
          response.http.status = 403;
          throw toGraphQLError(refusal);
        },
      };
    },
  };
}
