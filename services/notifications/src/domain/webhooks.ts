/**
 * Partner webhooks (issue #19 item 3), the pure parts: the signature scheme, the retry schedule, when
 * an endpoint is disabled, what an endpoint URL may be, and the public shape of an event (the
 * contract, nothing else). README "Webhooks for partners" documents the same for partners.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { NotificationRule } from './rules';
import type { Template } from './templates';

// ---------------------------------------------------------------- signature

/** Signature version: `Vinculo-Webhook-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`. */
export const SIGNATURE_VERSION = 'v1';

export const HEADER = {
  /** The event id: stable across retries and replays, the receiver's de-duplication key. */
  id: 'Vinculo-Webhook-Id',
  /** Unix seconds when this attempt was signed (receivers refuse old ones: replay protection). */
  timestamp: 'Vinculo-Webhook-Timestamp',
  signature: 'Vinculo-Webhook-Signature',
  /** The event type (`customers.CustomerRegistered`), to route before parsing. */
  event: 'Vinculo-Webhook-Event',
  /** The delivery record (`<endpoint>:<event>`) and the attempt within it, for support questions. */
  delivery: 'Vinculo-Webhook-Delivery',
  attempt: 'Vinculo-Webhook-Attempt',
} as const;

/** Hex HMAC-SHA256 of `<timestamp>.<rawBody>` keyed by the whole secret string (UTF-8). */
export function sign(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export const signatureHeader = (secret: string, timestamp: number, rawBody: string): string => `${SIGNATURE_VERSION}=${sign(secret, timestamp, rawBody)}`;

/** The check a receiver makes (the README's snippet does the same in 7 lines). */
export function verify(secret: string, header: string, timestamp: number, rawBody: string, nowSec: number, toleranceSec = 300): boolean {
  if (!Number.isFinite(timestamp) || Math.abs(nowSec - timestamp) > toleranceSec) return false;
  const given = header.startsWith(`${SIGNATURE_VERSION}=`) ? header.slice(SIGNATURE_VERSION.length + 1) : '';
  const expected = sign(secret, timestamp, rawBody);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** Headers of one attempt. */
export function deliveryHeaders(a: {
  secret: string;
  eventId: string;
  eventType: string;
  deliveryId: string;
  attempt: number;
  timestampSec: number;
  rawBody: string;
}): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Vinculo-Webhooks/1',
    [HEADER.id]: a.eventId,
    [HEADER.timestamp]: String(a.timestampSec),
    [HEADER.signature]: signatureHeader(a.secret, a.timestampSec, a.rawBody),
    [HEADER.event]: a.eventType,
    [HEADER.delivery]: a.deliveryId,
    [HEADER.attempt]: String(a.attempt),
  };
}

/** A secret given by the ADMIN: long enough to resist guessing, printable, no spaces. */
export function secretProblem(secret: string): string | null {
  if (secret.length < 24 || secret.length > 256) return 'secret: 24 to 256 characters';
  if (!/^[\x21-\x7e]+$/.test(secret)) return 'secret: printable ASCII without spaces';
  return null;
}

/** What queries show of a secret: its prefix and last four characters, never the rest. */
export const maskSecret = (secret: string): string => `${secret.startsWith('whsec_') ? 'whsec_' : ''}…${secret.slice(-4)}`;

// ---------------------------------------------------------------- retries

/**
 * Retries on the wall clock (delivery is not business time): after attempt n fails, the next comes
 * `initialMs · 2^(n-1)` later, capped at `maxMs`; a delivery is given up when the next attempt would
 * fall more than `windowMs` after the first attempt of its series (24 h by default).
 */
export interface RetrySchedule {
  initialMs: number;
  maxMs: number;
  windowMs: number;
}

export const DEFAULT_SCHEDULE: RetrySchedule = { initialMs: 10_000, maxMs: 60 * 60_000, windowMs: 24 * 60 * 60_000 };

export const retryDelay = (attempt: number, s: RetrySchedule): number => Math.min(s.maxMs, s.initialMs * 2 ** Math.max(0, attempt - 1));

/** When to try again after attempt `attempt` failed at `now`; null: give up. */
export function nextAttemptAt(attempt: number, seriesStartedAt: Date, now: Date, s: RetrySchedule): Date | null {
  const next = now.getTime() + retryDelay(attempt, s);
  return next - seriesStartedAt.getTime() > s.windowMs ? null : new Date(next);
}

/** The whole schedule of a series that never succeeds (offsets from its first attempt, ms): for docs and tests. */
export function scheduleOffsets(s: RetrySchedule): number[] {
  const out = [0];
  for (let n = 1; ; n++) {
    const next = nextAttemptAt(n, new Date(0), new Date(out.at(-1)!), s);
    if (!next) return out;
    out.push(next.getTime());
  }
}

/** Only a 2xx answer delivers; a redirect is not followed (the partner registers the final URL). */
export const delivered = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

// ---------------------------------------------------------------- disabling

/**
 * An endpoint's health: since when every attempt has failed (null after any success) and how many
 * deliveries in a row were given up. It is disabled when every attempt failed for `afterMs` (24 h) or
 * `afterGivenUp` deliveries in a row were given up, whichever comes first.
 */
export interface EndpointHealth {
  failingSince: Date | null;
  consecutiveGivenUp: number;
}

export interface DisablePolicy {
  afterMs: number;
  afterGivenUp: number;
}

export const DEFAULT_DISABLE: DisablePolicy = { afterMs: 24 * 60 * 60_000, afterGivenUp: 5 };

/** Why the endpoint must be disabled now, or null. */
export function disableReason(h: EndpointHealth, now: Date, p: DisablePolicy): string | null {
  if (h.consecutiveGivenUp >= p.afterGivenUp) return `${h.consecutiveGivenUp} deliveries in a row given up`;
  if (h.failingSince && now.getTime() - h.failingSince.getTime() >= p.afterMs) {
    return `every attempt failed since ${h.failingSince.toISOString()} (${Math.round((now.getTime() - h.failingSince.getTime()) / 60_000)} min)`;
  }
  return null;
}

// ---------------------------------------------------------------- URLs

/** True for addresses a partner endpoint must never be (SSRF): loopback, private, link-local, CGNAT, unspecified, multicast, reserved. */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (v === 6) {
    const s = ip.toLowerCase().replace(/^\[|\]$/g, '');
    const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
    if (mapped) return isPrivateAddress(mapped[1]!);
    // The same written in hex, as URL parsing normalises it (::ffff:a00:1 = 10.0.0.1).
    const hex = /^(?:0*:)*:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(s);
    if (hex) {
      const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
      return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    if (s === '::' || s === '::1') return true;
    const first = parseInt(s.split(':')[0] || '0', 16);
    return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
  }
  return false;
}

/**
 * What is wrong with an endpoint URL before anything is sent (the host's addresses are checked again
 * when it is resolved, at the ping and at every delivery): not an absolute http(s) URL, credentials or
 * a fragment in it, and in production plain http or a loopback/private host.
 */
export function urlProblems(raw: string, opts: { production: boolean }): string[] {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return [`url: "${raw}" is not an absolute URL`];
  }
  const problems: string[] = [];
  if (raw.length > 2048) problems.push('url: at most 2048 characters');
  if (u.protocol !== 'https:' && u.protocol !== 'http:') problems.push(`url: scheme ${u.protocol.replace(':', '')} is not http(s)`);
  else if (opts.production && u.protocol !== 'https:') problems.push('url: must be https in production');
  if (u.username || u.password) problems.push('url: no credentials in the URL (the signature authenticates us; give the partner a secret)');
  if (u.hash) problems.push('url: no fragment (#…)');
  if (opts.production) {
    const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || isPrivateAddress(host)) {
      problems.push(`url: host ${host} is loopback or private (refused in production)`);
    }
  }
  return problems;
}

/** Event types named by an endpoint that have no public contract. */
export const unknownEventTypes = (types: readonly string[], known: ReadonlySet<string>): string[] => types.filter((t) => !known.has(t));

// ---------------------------------------------------------------- payload

/** Just enough JSON Schema to follow `properties` and `items`. */
export interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  [k: string]: unknown;
}

/**
 * A value cut down to what its JSON Schema names: object keys the schema does not list are dropped
 * (at every depth where it lists properties), so an internal field a producer adds never reaches a
 * partner. Where the schema lists no properties, the value passes as it is.
 */
export function projectToSchema(value: unknown, schema: SchemaNode | undefined): unknown {
  if (!schema || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return schema.items ? value.map((v) => projectToSchema(v, schema.items)) : value;
  if (!schema.properties) return value;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of Object.entries(schema.properties)) {
    if (k in (value as Record<string, unknown>)) out[k] = projectToSchema((value as Record<string, unknown>)[k], sub);
  }
  return out;
}

/** The body a partner receives: the envelope and its data as the contracts define them, in the envelope's key order. */
export function publicEvent(event: Record<string, unknown>, envelopeSchema: SchemaNode, dataSchema: SchemaNode | undefined): Record<string, unknown> {
  const envelope = projectToSchema(event, envelopeSchema) as Record<string, unknown>;
  return { ...envelope, data: projectToSchema(event.data, dataSchema) };
}

// ---------------------------------------------------------------- the ADMIN's notice

/** Raised by this subgraph when it disables an endpoint (a notification rule may name it). */
export const ENDPOINT_DISABLED = 'webhook.EndpointDisabled';
export const ENDPOINT_DISABLED_FIELDS = ['endpointId', 'url', 'reason', 'failingSince', 'disabledAt'];

export const WEBHOOK_RULES: NotificationRule[] = [
  {
    id: 'webhook-disabled',
    eventType: ENDPOINT_DISABLED,
    seedStep: '#19 webhooks (sin paso de semilla)',
    description: 'Webhook de un socio desactivado por fallas sostenidas: aviso a los administradores',
    recipients: [{ kind: 'ROLE', role: 'ADMIN' }],
    channels: ['IN_APP', 'EMAIL'],
    template: 'webhook-disabled',
    mandatory: true,
    enabled: true,
  },
];

export const WEBHOOK_TEMPLATES: Template[] = [
  {
    key: 'webhook-disabled',
    subject: 'Webhook desactivado: {{data.url}}',
    text:
      'El endpoint de webhook {{data.endpointId}} ({{data.url}}) fue desactivado el {{data.disabledAt}}.\n' +
      'Motivo: {{data.reason}}\nFalla desde: {{data.failingSince}}\n' +
      'Corríjalo, reactívelo (enableWebhookEndpoint) y reenvíe lo pendiente (replayWebhookDeliveries).',
  },
];
