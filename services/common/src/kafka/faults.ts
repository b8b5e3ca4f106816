import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Events that did not take effect and wait for a human: dead-lettered by a consumer (permanent
 * failure: unparsable, contract violation, or a refusal the handler marked permanent) or
 * quarantined by the outbox relay (publish failed too often). Each subgraph keeps its own, in its
 * own database; the reconciliation report lists the open ones of a tenant with their reason.
 * A fault is closed (`resolvedAt`) when a replay of the event takes effect.
 */
export type FaultKind = 'DEAD_LETTERED' | 'QUARANTINED';

export interface EventFault {
  /** `dlq:<group>:<eventId|topic-partition-offset>` or `outbox:<model>:<aggregateId>`. */
  _id: string;
  kind: FaultKind;
  /** Tenant of the event when it could be read; '' for a message nobody could parse. */
  tenantId: string;
  eventId: string | null;
  type: string | null;
  /** Where it came from: the original topic (dead letters) or the aggregate model (quarantine). */
  source: string;
  reason: string;
  /** First time it failed this way. */
  since: Date;
  /** Last time it failed (a replayed event that is still poison). */
  lastAt: Date;
  attempts: number;
  resolvedAt: Date | null;
}

const faultSchema = new Schema<EventFault>(
  {
    _id: String,
    kind: String,
    tenantId: String,
    eventId: { type: String, default: null },
    type: { type: String, default: null },
    source: String,
    reason: String,
    since: Date,
    lastAt: Date,
    attempts: Number,
    resolvedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'event_faults' },
);
faultSchema.index({ tenantId: 1, resolvedAt: 1 });

export function faultModel(conn: Connection): Model<EventFault> {
  return (conn.models.EventFault as Model<EventFault> | undefined) ?? conn.model<EventFault>('EventFault', faultSchema);
}

/** Record (or refresh) an open fault; keeps its first `since`. */
export async function recordFault(
  conn: Connection,
  fault: Pick<EventFault, '_id' | 'kind' | 'tenantId' | 'eventId' | 'type' | 'source' | 'reason' | 'attempts'>,
  at = new Date(),
): Promise<void> {
  await faultModel(conn).updateOne(
    { _id: fault._id },
    {
      $set: {
        kind: fault.kind,
        tenantId: fault.tenantId,
        eventId: fault.eventId,
        type: fault.type,
        source: fault.source,
        reason: fault.reason,
        attempts: fault.attempts,
        lastAt: at,
        resolvedAt: null,
      },
      $setOnInsert: { since: at },
    },
    { upsert: true },
  );
}

/** Close a fault (its event finally took effect, or its document was published). */
export async function resolveFault(conn: Connection, id: string, at = new Date()): Promise<void> {
  await faultModel(conn).updateOne({ _id: id, resolvedAt: null }, { $set: { resolvedAt: at } });
}

/** The open faults of a tenant, oldest first. */
export async function openFaults(conn: Connection, tenantId: string): Promise<EventFault[]> {
  const rows = await faultModel(conn).find({ tenantId, resolvedAt: null }).lean<EventFault[]>();
  return rows.sort((a, b) => a.since.getTime() - b.since.getTime());
}
