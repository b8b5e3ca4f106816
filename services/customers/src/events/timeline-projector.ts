import { handlerOf, idFromEvent, insertOnce, type AnyEventHandler, type EventType, type Handlers } from '@vinculo/common';
import { outcomeText, projectEvent } from '../domain/timeline';
import type { TimelineModel } from '../store/timeline.model';

/**
 * The timeline projection: every event about a customer, from any subgraph, becomes one item of that
 * customer's timeline in the event's tenant. The item id is derived from the event id, so
 * redeliveries and replays from the start of a topic rebuild the same items, never duplicates.
 */
export function timelineProjector(items: TimelineModel): AnyEventHandler {
  return async (e) => {
    const entry = projectEvent(e);
    if (!entry) return;
    await insertOnce(items, {
      _id: idFromEvent('tli', e.id),
      tenantId: e.tenantId,
      customerId: entry.customerId,
      at: new Date(e.time),
      kind: entry.kind,
      eventType: e.type,
      eventId: e.id,
      summary: entry.summary.es,
      outcome: outcomeText(entry.outcome, 'ES'),
      summaryEn: entry.summary.en,
      outcomeEn: outcomeText(entry.outcome, 'EN'),
      result: entry.outcome,
      channel: entry.channel,
      actor: { userId: e.actor.userId, role: e.actor.role },
      link: entry.link,
    });
  };
}

/**
 * One handler per event type: the timeline projection, then the reactions of that type (if any).
 * `types` are every type with a contract (schemas/events): any event the consumer can accept reaches
 * the timeline, including types added after this code was written. Projecting first keeps the event
 * in the timeline even when a reaction refuses it for good (dead-lettered); the projection is
 * insert-once, so a retried or replayed event adds nothing.
 */
export function withTimeline(types: readonly EventType[], reactions: Handlers[], project: AnyEventHandler): Handlers {
  const all = new Set([...types, ...reactions.flatMap((r) => Object.keys(r))]);
  return Object.fromEntries(
    [...all].map((type) => {
      const own = reactions.map((r) => handlerOf(r, type)).filter((h): h is AnyEventHandler => !!h);
      const handler: AnyEventHandler = async (e) => {
        await project(e);
        for (const h of own) await h(e);
      };
      return [type, handler];
    }),
  ) as Handlers;
}

/**
 * Event types with a contract, from `EventContracts.types()` keys (`type@version`): the files of
 * schemas/events the build generated the event map from.
 */
export const contractTypes = (keys: string[]): EventType[] => [...new Set(keys.map((k) => (k.split('@')[0] ?? k) as EventType))];
