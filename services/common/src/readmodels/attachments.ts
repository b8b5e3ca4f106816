import { Schema, type Connection, type Model } from 'mongoose';
import type { EventData, EventHandler } from '../events/typed';
import { isDuplicateKey } from '../mongo/connection';
import { failedPrecondition } from '../documents/errors';
import { provedByFiles, type DocumentFile } from './requirement-files';

/** The data of customers.AttachmentStored (schemas/events). */
export type AttachmentStoredData = EventData<'customers.AttachmentStored'>;

/** A customer's file as another subgraph knows it (collection `attachments_known`); the bytes stay with customers. */
export interface KnownAttachment {
  _id: string;
  tenantId: string;
  customerId: string;
  kind: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  storedAt: Date;
}

const schema = new Schema<KnownAttachment>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    kind: String,
    name: String,
    contentType: String,
    size: Number,
    sha256: String,
    storedAt: Date,
  },
  { collection: 'attachments_known', versionKey: false },
);

/**
 * The attachments a subgraph knows exist, from customers.AttachmentStored: what lets a requirement
 * check count a requirement as received only when its attachment exists, without calling customers.
 * Insert-once by attachment id (a redelivered event is a no-op).
 */
export function attachmentReadModel(conn: Connection) {
  const model: Model<KnownAttachment> =
    (conn.models.KnownAttachment as Model<KnownAttachment> | undefined) ?? conn.model<KnownAttachment>('KnownAttachment', schema);

  const stored: EventHandler<'customers.AttachmentStored'> = async (e) => {
    const d = e.data;
    try {
      await model.create({
        _id: d.attachmentId,
        tenantId: e.tenantId,
        customerId: d.customerId,
        kind: d.kind,
        name: d.name,
        contentType: d.contentType,
        size: d.size,
        sha256: d.sha256,
        storedAt: new Date(e.time),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  };

  const find = async (tenantId: string, id: string): Promise<KnownAttachment | undefined> => {
    // By `_id` first (the local engine scans a tenant for compound filters), the tenant checked here.
    const doc = await model.findOne({ _id: id }).lean<KnownAttachment>();
    return doc && doc.tenantId === tenantId ? doc : undefined;
  };

  return {
    model,
    handlers: { 'customers.AttachmentStored': stored },
    find,
    /**
     * Which documents the named files prove for this customer (each file known here, the customer's,
     * of one of `kinds`), and which files do not count and why (see provedByFiles). Each id is looked
     * up by `_id` alone; a file of another tenant reads as unknown.
     */
    async proveDocuments(tenantId: string, customerId: string, files: readonly DocumentFile[], kinds: readonly string[]) {
      const known = new Map<string, KnownAttachment>();
      for (const id of new Set(files.map((f) => f.attachmentId))) {
        const doc = await find(tenantId, id);
        if (doc) known.set(id, doc);
      }
      return provedByFiles(customerId, files, known, kinds);
    },
    /**
     * The attachments, each checked to exist here and to be the customer's file: one not (yet) known
     * is refused FAILED_PRECONDITION (it may still be travelling; retry), one of another customer too.
     */
    async requireOfCustomer(tenantId: string, customerId: string, ids: readonly string[]): Promise<KnownAttachment[]> {
      const found: KnownAttachment[] = [];
      for (const id of ids) {
        const doc = await find(tenantId, id);
        if (!doc)
          throw failedPrecondition(`attachment ${id} is not known here (not uploaded, another tenant's, or still arriving: retry in a moment)`, 'attachmentId');
        if (doc.customerId !== customerId) throw failedPrecondition(`attachment ${id} is not a file of customer ${customerId}`, 'attachmentId');
        found.push(doc);
      }
      return found;
    },
  };
}
export type AttachmentReadModel = ReturnType<typeof attachmentReadModel>;
