import { randomBytes, randomUUID } from 'node:crypto';
import type {
  RegisterWebhookEndpointInput,
  ReplayWebhookDeliveriesInput,
  UpdateWebhookEndpointInput,
  WebhookEndpointRefInput,
} from '../__generated__/resolvers-types';
import { badInput, conflict, DomainError, findOneById, notFound, wrongState } from '@vinculo/common';
import { deliveryHeaders, secretProblem, unknownEventTypes, urlProblems } from '../domain/webhooks';
import type { WebhookEndpointDoc, WebhookEndpointModel } from '../store/webhook-endpoint.model';
import type { WebhookDeliveryDoc, WebhookDeliveryModel } from '../store/webhook-delivery.model';
import { newEndpointId, type PublicContracts, type WebhooksEnv } from './webhooks';
import { postJson } from './webhooks-http';

/** What the ADMIN's webhook acts work on. */
export interface WebhookEndpointDeps {
  endpoints: WebhookEndpointModel;
  deliveries: WebhookDeliveryModel;
  contracts: PublicContracts;
  env: WebhooksEnv;
  /** Replayed deliveries are due now: send rather than wait for the next poll. */
  queued: () => void;
}

const MAX_EVENT_TYPES = 200;
const MAX_REPLAY = 1000;

/** Refuse with every problem at once (the first one's field named), so the ADMIN fixes them in one go. */
function refuse(problems: string[]): never {
  throw badInput(problems.join('; '), problems[0]!.split(':')[0]);
}

function inputProblems(
  deps: WebhookEndpointDeps,
  i: { url?: string | null; eventTypes?: readonly string[] | null; secret?: string | null; description?: string | null },
): string[] {
  const problems: string[] = [];
  if (i.url != null) problems.push(...urlProblems(i.url, { production: deps.env.production }));
  if (i.eventTypes != null) {
    if (i.eventTypes.length === 0) problems.push('eventTypes: at least one event type');
    if (i.eventTypes.length > MAX_EVENT_TYPES) problems.push(`eventTypes: at most ${MAX_EVENT_TYPES}`);
    for (const t of unknownEventTypes(i.eventTypes, deps.contracts.types))
      problems.push(`eventTypes: unknown event type "${t}" (no public contract in schemas/events)`);
  }
  if (i.secret != null) {
    const p = secretProblem(i.secret);
    if (p) problems.push(p);
  }
  if (i.description != null && i.description.length > 500) problems.push('description: at most 500 characters');
  return problems;
}

/**
 * A signed ping to a URL being registered (envelope-like, `type: webhook.Ping`): refused when nothing
 * answers (connection, DNS, TLS, a private address in production, timeout). Any HTTP status is an
 * answer: the partner may not handle pings yet; it is reported so the ADMIN sees it.
 */
async function ping(deps: WebhookEndpointDeps, tenantId: string, endpointId: string, url: string, secret: string, eventTypes: string[]) {
  const id = `ping-${randomUUID()}`;
  const time = new Date();
  const body = JSON.stringify({
    id,
    type: 'webhook.Ping',
    version: 1,
    tenantId,
    source: 'notifications',
    subject: endpointId,
    time: time.toISOString(),
    data: { endpointId, eventTypes },
  });
  const headers = deliveryHeaders({
    secret,
    eventId: id,
    eventType: 'webhook.Ping',
    deliveryId: `${endpointId}:${id}`,
    attempt: 1,
    timestampSec: Math.floor(time.getTime() / 1000),
    rawBody: body,
  });
  const r = await postJson(url, body, headers, { timeoutMs: deps.env.timeoutMs, production: deps.env.production });
  if (r.responseCode === null) refuse([`url: unreachable — the ping to ${url} got no answer (${r.error})`]);
  return { responseCode: r.responseCode, latencyMs: r.latencyMs };
}

const generatedSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;
const unique = (xs: readonly string[]) => [...new Set(xs)];

export async function endpointOf(deps: WebhookEndpointDeps, tenantId: string, id: string): Promise<WebhookEndpointDoc> {
  const ep = await findOneById(deps.endpoints, tenantId, id);
  if (!ep) throw notFound('WebhookEndpoint', id);
  return ep;
}

export async function registerEndpoint(deps: WebhookEndpointDeps, who: { tenantId: string; userId: string }, input: RegisterWebhookEndpointInput) {
  const tenantId = who.tenantId;
  const eventTypes = unique(input.eventTypes);
  const problems = inputProblems(deps, { ...input, eventTypes });
  if (problems.length) refuse(problems);
  const id = newEndpointId();
  const secret = input.secret ?? generatedSecret();
  const pinged = await ping(deps, tenantId, id, input.url, secret, eventTypes);
  const now = new Date();
  const doc: WebhookEndpointDoc = {
    _id: id,
    tenantId,
    url: input.url,
    description: input.description ?? '',
    eventTypes,
    secret,
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    disabledBy: null,
    failingSince: null,
    consecutiveGivenUp: 0,
    lastSuccessAt: null,
    lastFailureAt: null,
    version: 1,
    createdBy: who.userId,
    createdAt: now,
    updatedAt: now,
  };
  await deps.endpoints.create(doc);
  return { endpoint: doc, secret, ping: pinged };
}

export async function updateEndpoint(deps: WebhookEndpointDeps, who: { tenantId: string; userId: string }, input: UpdateWebhookEndpointInput) {
  const tenantId = who.tenantId;
  const current = await endpointOf(deps, tenantId, input.id);
  if (input.expectedVersion != null && input.expectedVersion !== current.version) {
    throw conflict(`webhook endpoint ${input.id} is at version ${current.version}, not ${input.expectedVersion}`, { currentVersion: current.version });
  }
  const eventTypes = input.eventTypes ? unique(input.eventTypes) : null;
  const problems = inputProblems(deps, { url: input.url, eventTypes, secret: input.secret, description: input.description });
  if (input.secret != null && input.rotateSecret) problems.push('secret: give a secret or ask to rotate it, not both');
  if (problems.length) refuse(problems);
  const secret = input.secret ?? (input.rotateSecret ? generatedSecret() : null);
  const url = input.url ?? current.url;
  const pinged =
    input.url != null && input.url !== current.url
      ? await ping(deps, tenantId, current._id, url, secret ?? current.secret, eventTypes ?? current.eventTypes)
      : null;
  const set: Partial<WebhookEndpointDoc> = { url, updatedAt: new Date() };
  if (eventTypes) set.eventTypes = eventTypes;
  if (input.description != null) set.description = input.description;
  if (secret) set.secret = secret;
  const updated = await deps.endpoints
    .findOneAndUpdate({ _id: current._id, tenantId, version: current.version }, { $set: set, $inc: { version: 1 } }, { new: true })
    .lean<WebhookEndpointDoc>();
  if (!updated) throw conflict(`webhook endpoint ${input.id} changed meanwhile; read it again`);
  return { endpoint: updated, secret, ping: pinged };
}

export async function disableEndpoint(deps: WebhookEndpointDeps, who: { tenantId: string; userId: string }, input: WebhookEndpointRefInput) {
  const tenantId = who.tenantId;
  const ep = await endpointOf(deps, tenantId, input.id);
  if (!ep.enabled) return ep;
  const now = new Date();
  return (await deps.endpoints
    .findOneAndUpdate(
      { _id: ep._id, tenantId },
      {
        $set: { enabled: false, disabledReason: 'disabled by an administrator', disabledAt: now, disabledBy: who.userId, updatedAt: now },
        $inc: { version: 1 },
      },
      { new: true },
    )
    .lean<WebhookEndpointDoc>())!;
}

export async function enableEndpoint(deps: WebhookEndpointDeps, who: { tenantId: string; userId: string }, input: WebhookEndpointRefInput) {
  const tenantId = who.tenantId;
  const ep = await endpointOf(deps, tenantId, input.id);
  if (ep.enabled) return ep;
  return (await deps.endpoints
    .findOneAndUpdate(
      { _id: ep._id, tenantId },
      {
        $set: { enabled: true, disabledReason: null, disabledAt: null, disabledBy: null, failingSince: null, consecutiveGivenUp: 0, updatedAt: new Date() },
        $inc: { version: 1 },
      },
      { new: true },
    )
    .lean<WebhookEndpointDoc>())!;
}

export async function deleteEndpoint(deps: WebhookEndpointDeps, who: { tenantId: string; userId: string }, input: WebhookEndpointRefInput) {
  const tenantId = who.tenantId;
  const ep = await endpointOf(deps, tenantId, input.id);
  await deps.endpoints.deleteOne({ _id: ep._id, tenantId });
  const r = await deps.deliveries.deleteMany({ tenantId, endpointId: ep._id });
  return { id: ep._id, deliveriesRemoved: r.deletedCount };
}

export async function replayDeliveries(deps: WebhookEndpointDeps, who: { tenantId: string; userId: string }, input: ReplayWebhookDeliveriesInput) {
  const tenantId = who.tenantId;
  const byIds = input.deliveryIds != null;
  const byRange = input.from != null || input.to != null;
  if (byIds === byRange) refuse(['deliveryIds: name the deliveries or a time range (from, to), one of them']);
  const ep = await endpointOf(deps, tenantId, input.endpointId);
  if (!ep.enabled)
    throw wrongState({
      entity: 'webhook endpoint',
      label: ep._id,
      current: 'DISABLED',
      act: 'have deliveries replayed',
      allowedFrom: ['ENABLED'],
      nextAct: 'enableWebhookEndpoint',
    });
  let rows: Pick<WebhookDeliveryDoc, '_id' | 'status'>[];
  if (byIds) {
    const ids = unique(input.deliveryIds!);
    if (ids.length === 0 || ids.length > MAX_REPLAY) refuse([`deliveryIds: 1 to ${MAX_REPLAY} ids`]);
    // By _id first (the local engine scans a whole tenant for {tenantId, _id: {$in}}), then checked.
    const found = (await deps.deliveries.find({ _id: { $in: ids } }, { _id: 1, status: 1, tenantId: 1, endpointId: 1 }).lean<WebhookDeliveryDoc[]>()).filter(
      (d) => d.tenantId === tenantId && d.endpointId === ep._id,
    );
    const missing = ids.filter((id) => !found.some((d) => d._id === id));
    if (missing.length) throw notFound('WebhookDelivery', missing.join(', '));
    const pending = found.filter((d) => d.status === 'PENDING');
    if (pending.length) {
      throw new DomainError(
        'illegal_transition',
        `webhook deliveries still PENDING cannot be replayed (they are being delivered): ${pending.map((d) => d._id).join(', ')}`,
        { currentStatus: 'PENDING', allowedFrom: ['DELIVERED', 'FAILED', 'SKIPPED'], nextAct: null },
      );
    }
    rows = found;
  } else {
    const from = input.from ? new Date(input.from as unknown as string) : new Date(0);
    const to = input.to ? new Date(input.to as unknown as string) : new Date(8.64e15);
    if (!(from < to)) refuse(['from: must be before to']);
    rows = await deps.deliveries
      .find({ tenantId, endpointId: ep._id, eventTime: { $gte: from, $lt: to } }, { _id: 1, status: 1 })
      .sort({ eventTime: 1 })
      .limit(MAX_REPLAY + 1)
      .lean<WebhookDeliveryDoc[]>();
    if (rows.length > MAX_REPLAY) refuse([`from: more than ${MAX_REPLAY} deliveries in the range; replay it in parts`]);
  }
  const replay = rows.filter((d) => d.status !== 'PENDING').map((d) => d._id);
  const now = new Date();
  // `status != PENDING` in the filter: two replays at once start one series, not two.
  const r = replay.length
    ? await deps.deliveries.updateMany(
        { _id: { $in: replay }, status: { $ne: 'PENDING' } },
        {
          $set: { status: 'PENDING', seriesStartedAt: null, seriesAttempts: 0, nextAttemptAt: now, lockedUntil: null, deliveredAt: null },
          $inc: { series: 1 },
        },
      )
    : { modifiedCount: 0 };
  if (r.modifiedCount) deps.queued();
  return { replayed: r.modifiedCount, alreadyPending: rows.length - replay.length, deliveryIds: replay };
}

/** The tenant's endpoints, newest first (at most 200). */
export const endpointsOf = (deps: WebhookEndpointDeps, tenantId: string) =>
  deps.endpoints.find({ tenantId }).sort({ createdAt: -1, _id: -1 }).limit(200).lean<WebhookEndpointDoc[]>().exec();
