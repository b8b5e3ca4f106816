import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import type { ApolloGateway } from '@apollo/gateway';
import { aliasLimitRule, depthLimitRule, formatError, type Logger } from '@vinculo/common';
import type { GatewayContext } from './context';
import { costLimitPlugin } from './validation/cost-limit';
import { operationKindRule, operationResolutionPlugin } from './validation/operation-kind';
import { dedupeSubgraphFailures, formatSubgraphFailure } from './subgraphs/failure';

export interface ApolloOptions {
  gateway: ApolloGateway;
  httpServer: http.Server;
  logger: Logger;
  production: boolean;
  /** Field suggestions ("Did you mean …") only in development. */
  development: boolean;
  maxDepth: number;
  maxAliases: number;
  /** Per-operation budget of the cost estimate (validation/cost-limit). */
  maxCost: number;
  /** Parser token limit. */
  maxTokens: number;
  plugins: ApolloServerPlugin<GatewayContext>[];
}

/**
 * Apollo Server in front of the gateway: the parser's token limit, shape limits as validation rules,
 * the cost budget once the operation and its variables are known — all before any subgraph is
 * called — and errors from the closed set.
 */
export function createApolloServer(opts: ApolloOptions): ApolloServer<GatewayContext> {
  return new ApolloServer<GatewayContext>({
    gateway: opts.gateway,
    logger: opts.logger,
    csrfPrevention: true,
    introspection: !opts.production,
    includeStacktraceInErrorResponses: false,
    // main() owns shutdown: Apollo's own handler would re-raise the signal and kill the process
    // before the subgraph connections are closed and the exit code is chosen.
    stopOnTerminationSignals: false,
    // The parser stops at the limit (a GraphQL syntax error, BAD_USER_INPUT) instead of building a huge document.
    parseOptions: { maxTokens: opts.maxTokens },
    validationRules: [operationKindRule, depthLimitRule(opts.maxDepth), aliasLimitRule(opts.maxAliases)],
    // A failed subgraph fetch names the subgraph (and nothing internal); everything else as in every server.
    formatError: (formatted, error) =>
      formatSubgraphFailure(formatted, error) ?? formatError(formatted, error, (err) => opts.logger.error({ err }, 'unexpected error in a GraphQL request')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: opts.httpServer }),
      // The gateway serves its own offline IDE outside production; Apollo's page would load from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP cache sits behind cache hints here; the plugin would only add work per request.
      ApolloServerPluginCacheControlDisabled(),
      // "Did you mean …" suggestions reveal schema fields introspection would have hidden.
      ...(opts.development ? [] : [ApolloServerPluginDisableSuggestions()]),
      operationResolutionPlugin<GatewayContext>(),
      costLimitPlugin<GatewayContext>(opts.maxCost),
      oneErrorPerFailedSubgraph,
      ...opts.plugins,
    ],
  });
}

/** Errors are formatted by now: keep one failure error per subgraph. */
const oneErrorPerFailedSubgraph: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (result.errors && result.errors.length > 1) result.errors = dedupeSubgraphFailures(result.errors);
      },
    };
  },
};
