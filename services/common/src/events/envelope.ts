import { randomUUID } from 'node:crypto';
import { currentContext } from '../log/context';
import type { Principal } from '../auth/roles';
import { eventContracts } from './contracts';

/** The envelope every event travels in (ARCHITECTURE.md "Events"; schemas/events/envelope.schema.json). */
export interface EventEnvelope<T = Record<string, unknown>> {
  id: string;
  type: string;
  version: number;
  tenantId: string;
  source: string;
  /** The aggregate id: also the Kafka message key, so one aggregate's events stay in order. */
  subject: string;
  time: string;
  actor: { userId: string; role: string };
  correlationId: string;
  causationId: string | null;
  data: T;
}

/** The actor recorded when the system itself acts on a consumed event. */
export const SYSTEM_ACTOR = { userId: 'system', role: 'SYSTEM' } as const;

export interface NewEvent<T> {
  type: string;
  version?: number;
  subject: string;
  data: T;
}

/**
 * Build an envelope for an event about to be written to an outbox. Correlation and causation come
 * from the current work context (the request, or the event being consumed). The envelope's `time` is an
 * audit stamp on the wall clock: `now` is taken when it is not later than the wall clock, so a tenant's
 * business time (clock/business-clock.ts, ahead after an advance) never dates an event in the future —
 * consumers order snapshots and the relay measures lag by this time.
 */
export function newEnvelope<T extends Record<string, unknown>>(
  source: string,
  who: Pick<Principal, 'tenantId' | 'userId' | 'roles'> | { tenantId: string; actor: typeof SYSTEM_ACTOR },
  event: NewEvent<T>,
  now: Date = new Date(),
): EventEnvelope<T> {
  const ctx = currentContext();
  const actor = 'actor' in who ? { ...who.actor } : { userId: who.userId, role: who.roles[0] ?? 'UNKNOWN' };
  const envelope: EventEnvelope<T> = {
    id: randomUUID(),
    type: event.type,
    version: event.version ?? 1,
    tenantId: who.tenantId,
    source,
    subject: event.subject,
    time: new Date(Math.min(now.getTime(), Date.now())).toISOString(),
    actor,
    correlationId: ctx?.correlationId ?? randomUUID(),
    causationId: ctx?.causationId ?? null,
    data: event.data,
  };
  // Validated when written, so a malformed event never enters an outbox (and never blocks a relay).
  eventContracts().assert(envelope);
  return envelope;
}

/** The topic a subgraph publishes on. */
export const topicOf = (subgraph: string): string => `vinculo.${subgraph}.events`;
/** The dead-letter topic of a subgraph's consumers. */
export const dlqTopicOf = (subgraph: string): string => `vinculo.${subgraph}.dlq`;
