import { Schema, type FilterQuery, type Model, type UpdateQuery } from 'mongoose';
import type { EventEnvelope } from '../events/envelope';
import { DomainError, notFound } from '../errors/codes';

/**
 * The transactional outbox without multi-document transactions: an aggregate document carries its
 * not-yet-published events in `outbox`, written in the same single-document update as the state
 * change. The relay publishes them and then pulls them out (see kafka/relay.ts).
 */
export interface WithOutbox {
  outbox: EventEnvelope[];
  version: number;
}

/** Add `outbox` and `version` to an aggregate schema (plus the sparse index the relay scans). */
export function outboxPlugin(schema: Schema): void {
  schema.add({
    outbox: { type: [Schema.Types.Mixed], default: [] },
    version: { type: Number, default: 0 },
    /** Set by the relay when it gives up publishing this document's events (see kafka/relay.ts). */
    outboxQuarantinedAt: { type: Date, default: undefined },
  });
  schema.index({ 'outbox.id': 1 }, { sparse: true });
}

/** The update that records state changes and their events atomically, bumping the version. */
export function changeWithEvents<T>(update: UpdateQuery<T>, events: EventEnvelope[]): UpdateQuery<T> {
  return {
    ...update,
    $inc: { ...(update.$inc ?? {}), version: 1 },
    ...(events.length ? { $push: { ...(update.$push ?? {}), outbox: { $each: events } } } : {}),
  } as UpdateQuery<T>;
}

/**
 * Apply a change to one aggregate of the tenant if it is still at `expectedVersion`
 * (optimistic concurrency). Stale → CONFLICT; missing → NOT_FOUND. Returns the updated document.
 */
export async function updateVersioned<T extends WithOutbox>(
  model: Model<T>,
  key: { _id: string; tenantId: string },
  expectedVersion: number,
  update: UpdateQuery<T>,
  events: EventEnvelope[],
): Promise<T> {
  const current: FilterQuery<T> = { ...key, version: expectedVersion };
  const updated = await model
    .findOneAndUpdate(current, changeWithEvents(update, events), {
      new: true,
    })
    .lean<T>();
  if (updated) return updated;
  const byKey: FilterQuery<T> = key;
  const exists = await model.exists(byKey);
  if (!exists) throw notFound(model.modelName, key._id);
  throw new DomainError('stale_version', `${model.modelName} ${key._id} was changed by someone else; reload and retry`);
}
