import { Schema, type Connection, type Model } from 'mongoose';
import { businessClockOffset, changeWithEvents, conflict, isDuplicateKey, outboxPlugin, setBusinessClockOffset, type EventEnvelope } from '@vinculo/common';

/** A tenant's business clock as its owner keeps it (collection `business_clocks`, `_id` = tenant id). Absent until the first advance. */
export interface BusinessClockDoc {
  _id: string;
  tenantId: string;
  /** Business time minus wall time, in ms; only ever grows. */
  offsetMs: number;
  advancedTo: Date;
  advancedAt: Date;
  advancedBy: string;
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<BusinessClockDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    offsetMs: { type: Number, required: true },
    advancedTo: { type: Date, required: true },
    advancedAt: { type: Date, required: true },
    advancedBy: { type: String, required: true },
  },
  { collection: 'business_clocks', versionKey: false, minimize: false },
);
schema.plugin(outboxPlugin);

export type BusinessClockModel = Model<BusinessClockDoc>;
export const businessClockModel = (conn: Connection): BusinessClockModel =>
  (conn.models.BusinessClockOwner as BusinessClockModel | undefined) ?? conn.model<BusinessClockDoc>('BusinessClockOwner', schema);

/** What the API shows of a tenant's clock. */
export interface BusinessClockView {
  now: Date;
  offsetSeconds: number;
  advanced: boolean;
  advancedTo: Date | null;
  advancedAt: Date | null;
  advancedBy: string | null;
}

/**
 * The owner's side of the business clock: read it, and store an advance (application/business-clock.ts)
 * with its event in the same single-document write. The in-memory offset of this process is set at
 * once, so the caller's next request already runs at the new time; the other processes learn it from
 * the event (and their read model's periodic re-read).
 */
export function businessClockStore(model: BusinessClockModel, options: { production: boolean; published: () => void }) {
  async function view(tenantId: string): Promise<BusinessClockView> {
    const doc = await model.findById(tenantId).lean<BusinessClockDoc>();
    // This process may not have consumed the event yet (another replica advanced it): the stored offset counts.
    if (doc) setBusinessClockOffset(tenantId, doc.offsetMs);
    const offsetMs = businessClockOffset(tenantId);
    return {
      now: new Date(Date.now() + offsetMs),
      offsetSeconds: Math.floor(offsetMs / 1000),
      advanced: offsetMs > 0,
      advancedTo: doc?.advancedTo ?? null,
      advancedAt: doc?.advancedAt ?? null,
      advancedBy: doc?.advancedBy ?? null,
    };
  }

  return {
    view,
    /** Refused in production: business time is the wall clock there. */
    production: options.production,
    published: options.published,

    /** The tenant's stored clock (null before its first advance). */
    stored: (tenantId: string): Promise<BusinessClockDoc | null> => model.findById(tenantId).lean<BusinessClockDoc>().exec(),

    /**
     * Store a larger offset with its events. Forward only across replicas too: only a smaller stored
     * offset is replaced; when a larger one is stored meanwhile, the upsert's insert hits the `_id`
     * index (CONFLICT).
     */
    async moveForward(tenantId: string, set: Omit<BusinessClockDoc, '_id' | 'version' | 'outbox'>, events: EventEnvelope[]): Promise<void> {
      try {
        await model.updateOne({ _id: tenantId, offsetMs: { $lt: set.offsetMs } }, changeWithEvents<BusinessClockDoc>({ $set: set }, events), { upsert: true });
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('the business clock was advanced further meanwhile; read it again');
        throw err;
      }
      options.published();
      setBusinessClockOffset(tenantId, set.offsetMs);
    },
  };
}
export type BusinessClockStore = ReturnType<typeof businessClockStore>;
