import { Schema, type Connection, type Model } from 'mongoose';
import type { EventData, EventHandler } from '../events/typed';
import type { Logger } from '../log/logger';
import { upsertNewest } from './newest-wins';
import { setBusinessClockOffset } from '../clock/business-clock';

/** One tenant's business clock as a subgraph knows it, from customers.BusinessClockAdvanced (collection `business_clock`). */
export interface BusinessClockEntry {
  /** The tenant id. */
  _id: string;
  /** Business time minus wall time, in ms (never lowered). */
  offsetMs: number;
  /** The business time the clock was advanced to. */
  advancedTo: Date;
  updatedAt: Date;
}

/** The data of customers.BusinessClockAdvanced (schemas/events). */
export type BusinessClockAdvancedData = EventData<'customers.BusinessClockAdvanced'>;

const schema = new Schema<BusinessClockEntry>(
  { _id: String, offsetMs: { type: Number, required: true }, advancedTo: Date, updatedAt: Date },
  { collection: 'business_clock', versionKey: false },
);

export interface BusinessClockReadModelOptions {
  /**
   * How often the stored offsets are read again (ms). Replicas of a subgraph share one consumer group,
   * so only one of them consumes a tenant's BusinessClockAdvanced; the others learn the new offset from
   * the collection within this time. 0 = only at start and on consumed events.
   */
  refreshMs?: number;
  logger?: Logger;
}

/**
 * The business-clock read model every subgraph keeps (the kit wires it in service.ts): the handler
 * stores the tenant's offset (an idempotent upsert that never lowers it: redelivery or out-of-order
 * replay change nothing) and sets the in-memory offset `businessNow` reads; `load()` fills the offsets
 * at start and every `refreshMs`. Moving a tenant's offset forward tells the clock's listeners, which
 * run the subgraph's jobs for that tenant at its new business time.
 */
export function businessClockReadModel(conn: Connection, options: BusinessClockReadModelOptions = {}) {
  const model: Model<BusinessClockEntry> =
    (conn.models.BusinessClock as Model<BusinessClockEntry> | undefined) ?? conn.model<BusinessClockEntry>('BusinessClock', schema);

  const advanced: EventHandler<'customers.BusinessClockAdvanced'> = async (e) => {
    const { offsetMs, to } = e.data;
    // The offset is the version: forward only, a smaller one (older) changes nothing.
    await upsertNewest(model, { key: { _id: e.tenantId }, field: 'offsetMs', version: offsetMs, set: { advancedTo: new Date(to), updatedAt: new Date() } });
    setBusinessClockOffset(e.tenantId, offsetMs);
  };

  /** Read every stored offset into memory (at start, then every refreshMs). */
  async function load(): Promise<void> {
    const entries = await model.find({}, { offsetMs: 1 }).lean<Pick<BusinessClockEntry, '_id' | 'offsetMs'>[]>();
    for (const entry of entries) setBusinessClockOffset(entry._id, entry.offsetMs);
  }

  let timer: NodeJS.Timeout | undefined;
  return {
    model,
    handlers: { 'customers.BusinessClockAdvanced': advanced },
    load,
    /** Load now, then keep re-reading every refreshMs (a failed read is logged and tried again). */
    async start(): Promise<void> {
      await load();
      const every = options.refreshMs ?? 5_000;
      if (every <= 0) return;
      timer = setInterval(() => {
        load().catch((err: unknown) => options.logger?.warn({ err }, 'business clock refresh failed'));
      }, every);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
    },
  };
}
export type BusinessClockReadModel = ReturnType<typeof businessClockReadModel>;
