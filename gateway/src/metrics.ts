import type { Request, RequestHandler } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { GatewayContext, RequestNote } from './context';
import type { SubgraphFailureReason } from './subgraphs/failure';

const notes = new WeakMap<Request, RequestNote>();
// Operation names come from clients: past this many distinct names, new ones share one label so a
// client cannot blow up the time-series count.
const MAX_OPERATION_LABELS = 200;

/** The note the metrics middleware opened for this request (the Apollo context links to it). */
export function noteOf(req: Request): RequestNote {
  let note = notes.get(req);
  if (!note) {
    note = {};
    notes.set(req, note);
  }
  return note;
}

export interface GatewayMetrics {
  /** Express middleware: times every /graphql request, including the ones refused before GraphQL. */
  middleware: RequestHandler;
  /** Apollo plugin: tells the middleware the operation name and the GraphQL outcome. */
  plugin: ApolloServerPlugin<GatewayContext>;
  /** Count one failed subgraph fetch (its fields answered null). */
  subgraphFailed(subgraph: string, reason: SubgraphFailureReason): void;
  /** Count one subgraph read answered by an identical fetch already in flight (subgraphs/dedupe.ts). */
  subgraphFetchShared(subgraph: string): void;
}

/** Request count and duration by operation name and outcome; failed subgraph fetches by subgraph and reason. */
export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  const requests = new Counter({
    name: 'vinculo_gateway_requests_total',
    help: 'GraphQL requests by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'vinculo_gateway_request_duration_seconds',
    help: 'GraphQL request duration by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // Labels are bounded: subgraph names come from the supergraph, reasons from a closed type.
  const subgraphFailures = new Counter({
    name: 'vinculo_gateway_subgraph_failures_total',
    help: 'Subgraph fetches that failed (no answer, timeout, non-2xx, unparsable body) by subgraph and reason',
    labelNames: ['subgraph', 'reason'],
    registers: [registry],
  });
  const sharedFetches = new Counter({
    name: 'vinculo_gateway_subgraph_fetches_shared_total',
    help: 'Subgraph reads not sent because an identical one was in flight (its answer was shared), by subgraph',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const seen = new Set<string>();
  const operationLabel = (name: string | undefined): string => {
    if (!name) return '-';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_LABELS) return 'other';
    seen.add(name);
    return name;
  };

  const middleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    const note = noteOf(req);
    res.once('finish', () => {
      const labels = { operation: operationLabel(note.operation), outcome: note.outcome ?? outcomeOfStatus(res.statusCode) };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      const { note } = contextValue;
      return {
        async didResolveOperation({ operationName }) {
          note.operation = operationName ?? 'anonymous';
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length) note.outcome = 'ok';
          else if (note.operation === undefined) note.outcome = 'invalid';
          else note.outcome = data ? 'partial' : 'error';
        },
      };
    },
  };

  return {
    middleware,
    plugin,
    subgraphFailed: (subgraph, reason) => subgraphFailures.inc({ subgraph, reason }),
    subgraphFetchShared: (subgraph) => sharedFetches.inc({ subgraph }),
  };
}

function outcomeOfStatus(status: number): string {
  switch (status) {
    case 401:
      return 'unauthenticated';
    case 413:
      return 'too_large';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'error' : status >= 400 ? 'invalid' : 'ok';
  }
}
