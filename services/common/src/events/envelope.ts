import { randomUUID } from 'node:crypto';
import { currentContext } from '../log/context';
import type { Principal } from '../auth/roles';
import { eventContracts } from './contracts';
import type { EventOf, EventType, EventVersionMap } from './typed';

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

/** The contract versions of event type K (schemas/events/K.v<N>.schema.json). */
export type ContractVersion<K extends EventType> = keyof EventVersionMap[K] & number;

/**
 * An event of type K as its producer states it: the data of one of K's contract versions, checked by
 * the compiler against the generated map (and by the contract again when written). `version` may be
 * left out only for v1; a later version is named. A union K (one call site for several types) must give
 * data that fits every type it may be.
 */
export type NewEvent<K extends EventType> = K extends EventType
  ? {
      [V in ContractVersion<K>]: { type: K; subject: string; data: EventVersionMap[K][V] } & (V extends 1 ? { version?: V } : { version: V });
    }[ContractVersion<K>]
  : never;

/** The publishing subgraph of event type K: its prefix (`sales.SalesOrderPlaced` → `sales`). */
export type SourceOf<K extends EventType> = K extends `${infer S}.${string}` ? S : never;

/**
 * Build an envelope for an event about to be written to an outbox. Correlation and causation come
 * from the current work context (the request, or the event being consumed). The envelope's `time` is an
 * audit stamp on the wall clock: `now` is taken when it is not later than the wall clock, so a tenant's
 * business time (clock/business-clock.ts, ahead after an advance) never dates an event in the future —
 * consumers order snapshots and the relay measures lag by this time.
 */
export function newEnvelope<K extends EventType>(
  source: SourceOf<K>,
  who: Pick<Principal, 'tenantId' | 'userId' | 'roles'> | { tenantId: string; actor: typeof SYSTEM_ACTOR },
  event: NewEvent<K>,
  now?: Date,
): EventOf<K>;
// One implementation for every type: the compiler checks each producer against the overload above
// (K's contract data), and the contract itself is asserted below before the envelope is returned.
export function newEnvelope(
  source: string,
  who: Pick<Principal, 'tenantId' | 'userId' | 'roles'> | { tenantId: string; actor: typeof SYSTEM_ACTOR },
  event: { type: string; version?: number; subject: string; data: Record<string, unknown> },
  now: Date = new Date(),
): EventEnvelope {
  // Consumers read a type's events from its prefix's topic: from any other source nobody would see them.
  if (!event.type.startsWith(`${source}.`)) throw new Error(`${event.type} is published by ${event.type.slice(0, event.type.indexOf('.'))}, not ${source}`);
  const ctx = currentContext();
  const actor = 'actor' in who ? { ...who.actor } : { userId: who.userId, role: who.roles[0] ?? 'UNKNOWN' };
  const envelope: EventEnvelope = {
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
