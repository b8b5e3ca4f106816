import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type EventEnvelope, type FileKind } from '@vinculo/common';

/**
 * A customer's uploaded file (collection `attachments`): its metadata and customers.AttachmentStored
 * in one document (the outbox); the bytes are in the GridFS bucket `attachment_files` under the same id.
 */
export interface AttachmentDoc {
  _id: string;
  tenantId: string;
  /** The customer the file is of; null for the tenant's own LOGO. */
  customerId: string | null;
  kind: FileKind;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<AttachmentDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, default: null },
    kind: { type: String, required: true },
    name: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'attachments', versionKey: false },
);
schema.plugin(outboxPlugin);
schema.index({ tenantId: 1, customerId: 1, createdAt: 1, _id: 1 });

export type AttachmentModel = Model<AttachmentDoc>;
export const attachmentModel = (conn: Connection): AttachmentModel => conn.model<AttachmentDoc>('Attachment', schema);

/** The bucket holding the bytes. */
export const ATTACHMENT_BUCKET = 'attachment_files';
