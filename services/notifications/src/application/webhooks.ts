import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type AnyEventHandler,
  type EventEnvelope,
  type EventType,
  findOneById,
  handlersFor,
  type Handlers,
  intSettings,
  type Logger,
  schemasDir,
} from '@vinculo/common';
import {
  DEFAULT_DISABLE,
  DEFAULT_SCHEDULE,
  delivered,
  deliveryHeaders,
  disableReason,
  ENDPOINT_DISABLED,
  nextAttemptAt,
  publicEvent,
  type DisablePolicy,
  type RetrySchedule,
  type SchemaNode,
} from '../domain/webhooks';
import type { WebhookEndpointDoc, WebhookEndpointModel } from '../store/webhook-endpoint.model';
import type { WebhookDeliveryDoc, WebhookDeliveryModel } from '../store/webhook-delivery.model';
import { postJson, type PostResult } from './webhooks-http';
import { dispatch, type DispatchDeps } from './dispatch';

/**
 * Webhook settings (env): WEBHOOK_RETRY_INITIAL_MS (10 s), WEBHOOK_RETRY_MAX_MS (1 h),
 * WEBHOOK_RETRY_WINDOW_MS (24 h), WEBHOOK_DISABLE_AFTER_MS (24 h of nothing but failures),
 * WEBHOOK_DISABLE_AFTER_GIVEN_UP (5 deliveries in a row given up), WEBHOOK_TIMEOUT_MS (10 s per POST),
 * WEBHOOK_POLL_MS (1 s), WEBHOOK_CONCURRENCY (8 endpoints at once). Tests shorten the schedule to
 * see retries within seconds. Production (NODE_ENV=production) requires https and public hosts.
 */
export function webhooksEnv(source: NodeJS.ProcessEnv) {
  const settings = intSettings(source);
  const int = settings.int.bind(settings);
  const DAY = 24 * 60 * 60_000;
  const env = {
    schedule: {
      initialMs: int('WEBHOOK_RETRY_INITIAL_MS', DEFAULT_SCHEDULE.initialMs, 10, DAY),
      maxMs: int('WEBHOOK_RETRY_MAX_MS', DEFAULT_SCHEDULE.maxMs, 10, DAY),
      windowMs: int('WEBHOOK_RETRY_WINDOW_MS', DEFAULT_SCHEDULE.windowMs, 100, 7 * DAY),
    } satisfies RetrySchedule,
    disable: {
      afterMs: int('WEBHOOK_DISABLE_AFTER_MS', DEFAULT_DISABLE.afterMs, 100, 30 * DAY),
      afterGivenUp: int('WEBHOOK_DISABLE_AFTER_GIVEN_UP', DEFAULT_DISABLE.afterGivenUp, 1, 1000),
    } satisfies DisablePolicy,
    timeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    pollMs: int('WEBHOOK_POLL_MS', 1000, 20, 60_000),
    concurrency: int('WEBHOOK_CONCURRENCY', 8, 1, 64),
    production: source.NODE_ENV === 'production',
  };
  settings.done();
  return env;
}
export type WebhooksEnv = ReturnType<typeof webhooksEnv>;

/** The public contracts: the envelope's schema and each `type@version`'s data schema. */
export function publicContracts(dir = path.join(schemasDir(), 'events')) {
  const read = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as SchemaNode;
  const envelope = read('envelope.schema.json');
  const data = new Map<string, SchemaNode>();
  for (const file of readdirSync(dir)) {
    const m = /^(.+)\.v(\d+)\.schema\.json$/.exec(file);
    if (m) data.set(`${m[1]}@${m[2]}`, read(file));
  }
  const types = new Set([...data.keys()].map((k) => k.split('@')[0]!));
  return { envelope, data, types };
}
export type PublicContracts = ReturnType<typeof publicContracts>;

export interface WebhookDeps {
  endpoints: WebhookEndpointModel;
  deliveries: WebhookDeliveryModel;
  contracts: PublicContracts;
  env: WebhooksEnv;
  logger: Logger;
  /** The ADMIN's notice when an endpoint is disabled goes through the tenant's rules. */
  dispatchDeps: DispatchDeps;
}

const insertOnce = async (model: WebhookDeliveryModel, doc: WebhookDeliveryDoc): Promise<boolean> => {
  try {
    await model.create(doc);
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false;
    throw err;
  }
};

/**
 * One delivery record per endpoint of the tenant subscribed to the event's type (`_id`
 * `<endpoint>:<event>`: a redelivered event adds nothing). An endpoint that is disabled gets the
 * record SKIPPED, so a replay by time range after it is enabled again covers the gap.
 */
export async function fanOut(deps: Pick<WebhookDeps, 'endpoints' | 'deliveries' | 'contracts'>, e: EventEnvelope, at = new Date()): Promise<number> {
  const targets = await deps.endpoints
    .find({ tenantId: e.tenantId, eventTypes: e.type }, { _id: 1, enabled: 1 })
    .lean<Pick<WebhookEndpointDoc, '_id' | 'enabled'>[]>();
  if (!targets.length) return 0;
  const body = JSON.stringify(publicEvent(e as unknown as Record<string, unknown>, deps.contracts.envelope, deps.contracts.data.get(`${e.type}@${e.version}`)));
  let added = 0;
  for (const t of targets) {
    const ok = await insertOnce(deps.deliveries, {
      _id: `${t._id}:${e.id}`,
      tenantId: e.tenantId,
      endpointId: t._id,
      eventId: e.id,
      eventType: e.type,
      eventTime: new Date(e.time),
      body,
      status: t.enabled ? 'PENDING' : 'SKIPPED',
      series: 1,
      seriesStartedAt: null,
      seriesAttempts: 0,
      nextAttemptAt: t.enabled ? at : null,
      lockedUntil: null,
      lastResponseCode: null,
      lastError: t.enabled ? null : 'endpoint disabled when the event arrived',
      lastLatencyMs: null,
      attempts: [],
      createdAt: at,
      deliveredAt: null,
    });
    if (ok) added++;
  }
  return added;
}

/** How long one sender holds a delivery it is sending (another replica takes it over after). */
const lockMs = (timeoutMs: number) => timeoutMs * 3 + 5_000;
/** Attempts kept on a record (a 24 h series has ~30; replays add more). */
const KEEP_ATTEMPTS = 200;

/**
 * The webhook sender: takes PENDING deliveries whose time has come, at most one per endpoint at a time
 * in this process and `concurrency` endpoints at once, so a slow or broken endpoint never holds up the
 * others. Each attempt is recorded (HTTP status or error, latency); a failure schedules the next one
 * (domain/webhooks.ts) or gives the delivery up, and may disable the endpoint with a notice to ADMIN.
 */
export function startWebhookSender(deps: WebhookDeps) {
  const { env, logger } = deps;
  const busy = new Set<string>();
  let workers = 0;
  let stopped = false;
  const running = new Set<Promise<void>>();

  const claim = () => {
    const now = new Date();
    return deps.deliveries
      .findOneAndUpdate(
        {
          status: 'PENDING',
          nextAttemptAt: { $lte: now },
          $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }],
          ...(busy.size ? { endpointId: { $nin: [...busy] } } : {}),
        },
        { $set: { lockedUntil: new Date(now.getTime() + lockMs(env.timeoutMs)) }, $inc: { seriesAttempts: 1 } },
        { new: true, sort: { nextAttemptAt: 1 } },
      )
      .lean<WebhookDeliveryDoc>();
  };

  /** Record the endpoint's health after an attempt and disable it when the failure is sustained. */
  const recordHealth = async (endpointId: string, ok: boolean, givenUp: boolean, now: Date) => {
    if (ok) {
      await deps.endpoints.updateOne({ _id: endpointId }, { $set: { failingSince: null, consecutiveGivenUp: 0, lastSuccessAt: now } });
      return;
    }
    await deps.endpoints.updateOne({ _id: endpointId, failingSince: null }, { $set: { failingSince: now } });
    const ep = await deps.endpoints
      .findOneAndUpdate({ _id: endpointId }, { $set: { lastFailureAt: now }, $inc: { consecutiveGivenUp: givenUp ? 1 : 0 } }, { new: true })
      .lean<WebhookEndpointDoc>();
    if (!ep || !ep.enabled) return;
    const reason = disableReason({ failingSince: ep.failingSince, consecutiveGivenUp: ep.consecutiveGivenUp }, now, env.disable);
    if (!reason) return;
    const r = await deps.endpoints.updateOne(
      { _id: endpointId, enabled: true },
      { $set: { enabled: false, disabledReason: reason, disabledAt: now, disabledBy: 'SYSTEM', updatedAt: now }, $inc: { version: 1 } },
    );
    if (r.modifiedCount !== 1) return;
    logger.warn({ endpointId, tenantId: ep.tenantId, reason }, 'webhook endpoint disabled after sustained failure');
    await dispatch(deps.dispatchDeps, {
      id: `webhook-disabled:${endpointId}:${now.getTime()}`,
      tenantId: ep.tenantId,
      type: ENDPOINT_DISABLED,
      time: now.toISOString(),
      actorId: null,
      data: { endpointId, url: ep.url, reason, failingSince: ep.failingSince?.toISOString() ?? null, disabledAt: now.toISOString() },
    });
  };

  const sendOne = async (d: WebhookDeliveryDoc) => {
    const mine = { _id: d._id, series: d.series };
    const ep = await findOneById(deps.endpoints, d.tenantId, d.endpointId);
    if (!ep || !ep.enabled) {
      // Disabled (or deleted) since the record was written: kept, replayable once enabled again.
      await deps.deliveries.updateOne(mine, {
        $set: { status: 'SKIPPED', lockedUntil: null, nextAttemptAt: null, lastError: ep ? 'endpoint disabled' : 'endpoint deleted' },
        $inc: { seriesAttempts: -1 },
      });
      return;
    }
    const at = new Date();
    const seriesStartedAt = d.seriesStartedAt ?? at;
    const headers = deliveryHeaders({
      secret: ep.secret,
      eventId: d.eventId,
      eventType: d.eventType,
      deliveryId: d._id,
      attempt: d.seriesAttempts,
      timestampSec: Math.floor(at.getTime() / 1000),
      rawBody: d.body,
    });
    let result: PostResult;
    try {
      result = await postJson(ep.url, d.body, headers, { timeoutMs: env.timeoutMs, production: env.production });
    } catch (err) {
      result = { responseCode: null, error: (err as Error).message ?? String(err), latencyMs: 0 };
    }
    const ok = delivered(result.responseCode);
    const error = ok ? null : (result.error ?? `HTTP ${result.responseCode}`);
    const done = new Date();
    const next = ok ? null : nextAttemptAt(d.seriesAttempts, seriesStartedAt, done, env.schedule);
    const attempt = { series: d.series, n: d.seriesAttempts, at, responseCode: result.responseCode, error, latencyMs: result.latencyMs };
    await deps.deliveries.updateOne(mine, {
      $set: {
        status: ok ? 'DELIVERED' : next ? 'PENDING' : 'FAILED',
        seriesStartedAt,
        nextAttemptAt: next,
        lockedUntil: null,
        lastResponseCode: result.responseCode,
        lastError: error,
        lastLatencyMs: result.latencyMs,
        ...(ok ? { deliveredAt: done } : {}),
      },
      $push: { attempts: { $each: [attempt], $slice: -KEEP_ATTEMPTS } },
    });
    if (!ok) logger.warn({ deliveryId: d._id, attempt: d.seriesAttempts, responseCode: result.responseCode, error, givenUp: !next }, 'webhook not delivered');
    await recordHealth(ep._id, ok, !ok && !next, done);
  };

  // Workers: each tick starts one (it ends when the queue has nothing due); a worker that found
  // something starts another before sending, so up to `concurrency` endpoints are served at once
  // while an idle queue costs one query per tick.
  const spawn = () => {
    if (stopped || workers >= env.concurrency) return;
    workers++;
    const p: Promise<void> = work()
      .catch((err: unknown) => logger.warn({ err }, 'webhook queue not readable; next poll tries again'))
      .finally(() => {
        workers--;
        running.delete(p);
      });
    running.add(p);
  };

  const work = async () => {
    for (;;) {
      if (stopped) return;
      const d = await claim();
      if (!d) return;
      if (busy.has(d.endpointId)) {
        // Two workers claimed at once for the same endpoint: hand this one back untouched.
        await deps.deliveries.updateOne({ _id: d._id, series: d.series }, { $set: { lockedUntil: null }, $inc: { seriesAttempts: -1 } });
        continue;
      }
      busy.add(d.endpointId);
      spawn();
      try {
        await sendOne(d);
      } finally {
        busy.delete(d.endpointId);
      }
    }
  };

  const tick = spawn;
  const timer = setInterval(tick, env.pollMs);
  timer.unref();
  return {
    nudge: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...running]);
    },
  };
}
export type WebhookSender = ReturnType<typeof startWebhookSender>;

/** The consumer's handler: every contract event type may be subscribed. */
export function webhookHandlers(deps: Pick<WebhookDeps, 'endpoints' | 'deliveries' | 'contracts'>, queued: () => void): Handlers {
  const handler: AnyEventHandler = async (e) => {
    if (await fanOut(deps, e)) queued();
  };
  // The public contracts are the files of schemas/events the event map is generated from.
  return handlersFor([...deps.contracts.types] as EventType[], handler);
}

export const newEndpointId = (): string => `whe_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
