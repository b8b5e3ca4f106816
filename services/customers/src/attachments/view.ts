import type { AttachmentDoc } from './attachment.model';

/** Where a client downloads a file: the gateway's route beside /graphql. */
export const attachmentPath = (id: string): string => `/attachments/${id}`;

/** An attachment as clients see it (GraphQL CustomerAttachment and the upload's answer). */
export function attachmentView(doc: Omit<AttachmentDoc, 'outbox' | 'version'>) {
  return {
    id: doc._id,
    kind: doc.kind,
    name: doc.name,
    contentType: doc.contentType,
    size: doc.size,
    sha256: doc.sha256,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    downloadPath: attachmentPath(doc._id),
  };
}
export type AttachmentView = ReturnType<typeof attachmentView>;
