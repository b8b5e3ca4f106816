import type { ApolloServerPlugin } from '@apollo/server';
import { DEFAULT_COST_MODEL, limitExceeded, operationCost, overlongFilterString, MAX_FILTER_STRING, type CostModel } from '@vinculo/common';

/**
 * Refuse an operation whose estimated cost (operationCost) is over `budget`, once the operation is
 * known and before the gateway plans or fetches anything: variables are known by then, so
 * `first: $n` counts with its value. The answer names the cost and the budget, so a client can
 * ask for smaller pages or split the request. Overlong search-filter strings are refused here too,
 * for the same reason: what they would cost the store is known before anything runs.
 */
export function costLimitPlugin<C extends object>(budget: number, model: CostModel = DEFAULT_COST_MODEL): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema, operation }) {
          const cost = operationCost(schema, document, request.operationName, request.variables, model, budget);
          if (cost !== undefined && cost > budget) {
            const shown = Number.isFinite(cost) ? `at least ${cost}` : 'too much';
            throw limitExceeded(
              `Query is too expensive: its estimated cost is ${shown}; the budget is ${budget} (ask for smaller pages, fewer nested lists or fewer aliases)`,
              operation,
              'cost',
              400,
            );
          }
          if (!operation) return;
          const overlong = overlongFilterString(schema, document, operation, request.variables);
          if (overlong) {
            throw limitExceeded(
              `${overlong.path} is ${overlong.length} characters long; a search filter takes at most ${MAX_FILTER_STRING}`,
              operation,
              'filter',
              400,
            );
          }
        },
      };
    },
  };
}
