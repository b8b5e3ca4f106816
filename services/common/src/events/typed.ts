import type { EventEnvelope } from './envelope';
import type { EventDataMap, EventType } from './__generated__/event-types';

export type { EventDataMap, EventSource, EventType, EventVersionMap } from './__generated__/event-types';
export { EVENT_CONTRACTS } from './__generated__/event-types';

/** The data of an event type (schemas/events, generated into __generated__/event-types.ts by the build). */
export type EventData<K extends EventType> = EventDataMap[K];

/** An envelope carrying the data of event type K. */
export type EventOf<K extends EventType> = EventEnvelope<EventDataMap[K]>;

/** An envelope of any event type with a contract (its data one of the contracts' data). */
export type AnyEvent = EventOf<EventType>;

/** A handler applies one event of type K. It must be idempotent by construction (deterministic ids, upserts). */
export type EventHandler<K extends EventType> = (event: EventOf<K>) => Promise<void>;

/** A handler that takes an event of any type (the timeline, notification rules, webhooks). */
export type AnyEventHandler = EventHandler<EventType>;

/** Handlers by event type: what a subgraph consumes. The topics it reads follow from the keys. */
export type Handlers = { [K in EventType]?: EventHandler<K> };

/** The source (publishing subgraph) of an event type: its prefix (`sales.SalesOrderPlaced` → `sales`). */
export const sourceOfType = (type: string): string => type.slice(0, type.indexOf('.'));

/** The sources whose topics these handlers need, sorted. */
export function sourcesOf(handlers: Handlers): string[] {
  return [...new Set(Object.keys(handlers).map(sourceOfType))].sort();
}

/** The same handler for each of these types (a handler that takes any event). */
export function handlersFor(types: readonly EventType[], handler: AnyEventHandler): Handlers {
  return Object.fromEntries(types.map((t) => [t, handler])) as Handlers;
}

/** A handler of `handlers` by a type known only at run time (the consumer, after the contract check). */
export function handlerOf(handlers: Handlers, type: string): AnyEventHandler | undefined {
  // Sound: a handler of K is only given events whose type is K, checked against K's contract first.
  return (handlers as unknown as Record<string, AnyEventHandler | undefined>)[type];
}

/** Handlers of both maps; a type both handle runs `a`'s handler, then `b`'s (both idempotent). */
export function mergeHandlers(a: Handlers, b: Handlers): Handlers {
  const merged: Record<string, AnyEventHandler | undefined> = {};
  for (const type of Object.keys(a)) merged[type] = handlerOf(a, type);
  for (const type of Object.keys(b)) {
    const first = merged[type];
    const second = handlerOf(b, type)!;
    merged[type] = first
      ? async (event) => {
          await first(event);
          await second(event);
        }
      : second;
  }
  return merged as Handlers;
}
