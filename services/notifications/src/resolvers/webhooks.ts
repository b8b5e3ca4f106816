import { authorize, findOneById, paginate, type RequestContext } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers, WebhookDeliveryResolvers, WebhookEndpointResolvers } from '../__generated__/resolvers-types';
import { maskSecret } from '../domain/webhooks';
import type { WebhookDeliveryDoc } from '../store/webhook-delivery.model';
import {
  deleteEndpoint,
  disableEndpoint,
  enableEndpoint,
  endpointOf,
  endpointsOf,
  registerEndpoint,
  replayDeliveries,
  updateEndpoint,
  type WebhookEndpointDeps,
} from '../application/webhook-endpoints';
import { policy } from '../policy';

export type WebhookResolverDeps = WebhookEndpointDeps;

const admin = (ctx: RequestContext) => {
  authorize(policy, 'configureWebhooks', ctx.principal);
  return ctx.principal.tenantId;
};
const adminOf = (ctx: RequestContext) => ({ tenantId: admin(ctx), userId: ctx.principal.userId });

type WebhookQueries = 'webhookEndpoints' | 'webhookEndpoint' | 'webhookDeliveries' | 'webhookEventTypes';
type WebhookMutations =
  | 'registerWebhookEndpoint'
  | 'updateWebhookEndpoint'
  | 'disableWebhookEndpoint'
  | 'enableWebhookEndpoint'
  | 'deleteWebhookEndpoint'
  | 'replayWebhookDeliveries';

/** The ADMIN's webhook configuration (issue #19): thin, each delegating to application/webhook-endpoints.ts. */
export function webhookResolvers(deps: WebhookResolverDeps): {
  Query: Required<Pick<QueryResolvers, WebhookQueries>>;
  Mutation: Required<Pick<MutationResolvers, WebhookMutations>>;
  WebhookEndpoint: WebhookEndpointResolvers;
  WebhookDelivery: WebhookDeliveryResolvers;
} {
  return {
    Query: {
      webhookEndpoints: (_p, _a, ctx) => endpointsOf(deps, admin(ctx)),
      webhookEndpoint: (_p, { id }, ctx) => findOneById(deps.endpoints, admin(ctx), id),
      webhookDeliveries: async (_p, args, ctx) => {
        const tenantId = admin(ctx);
        await endpointOf(deps, tenantId, args.endpointId);
        const filter = { tenantId, endpointId: args.endpointId, ...(args.status ? { status: args.status } : {}) };
        return paginate<WebhookDeliveryDoc>(deps.deliveries, filter, args, ctx.principal, { field: 'createdAt', descending: true });
      },
      webhookEventTypes: (_p, _a, ctx) => {
        admin(ctx);
        return [...deps.contracts.types].sort();
      },
    },
    Mutation: {
      registerWebhookEndpoint: (_p, { input }, ctx) => registerEndpoint(deps, adminOf(ctx), input),
      updateWebhookEndpoint: (_p, { input }, ctx) => updateEndpoint(deps, adminOf(ctx), input),
      disableWebhookEndpoint: (_p, { input }, ctx) => disableEndpoint(deps, adminOf(ctx), input),
      enableWebhookEndpoint: (_p, { input }, ctx) => enableEndpoint(deps, adminOf(ctx), input),
      deleteWebhookEndpoint: (_p, { input }, ctx) => deleteEndpoint(deps, adminOf(ctx), input),
      replayWebhookDeliveries: (_p, { input }, ctx) => replayDeliveries(deps, adminOf(ctx), input),
    },
    WebhookEndpoint: { id: (e) => e._id, secretHint: (e) => maskSecret(e.secret) },
    WebhookDelivery: {
      id: (d) => d._id,
      payload: (d) => d.body,
      attempts: (d) => d.attempts ?? [],
    },
  };
}
