import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../mongo/connection';
import { newFileId, type OwnerSubgraph } from './ids';
import type { FileEntityRef, FileStore, StoredFile } from './store';
import { CONTENT_TYPES } from './sniff';

/** Which generated document of an entity (an invoice has one pro-forma; a project an offer letter and an order form). */
export interface GeneratedRequest {
  tenantId: string;
  /** The document's type, e.g. PROFORMA_INVOICE, OVERDUE_LETTER. */
  documentType: string;
  entity: FileEntityRef & { version: number };
  /** The file name offered on download. */
  name: string;
  createdBy: string;
  /** Produce the bytes (only called when this entity version has no document yet). */
  render: () => Promise<Buffer>;
}

interface IndexDoc {
  _id: string;
  tenantId: string;
  fileId: string;
}

/**
 * Generated documents, one per (tenant, document type, entity, entity version): asking again for the
 * same version returns the same stored document; a new version of the entity gets a new one. The
 * file is stored first under a fresh id, then claimed in `generated_documents` by its key (unique
 * `_id`): of two requests racing, the second finds the key taken, drops its copy and returns the first.
 */
export function generatedDocuments(conn: Connection, store: FileStore, owner: OwnerSubgraph) {
  const index = () => conn.collection<IndexDoc>('generated_documents');
  const keyOf = (r: Pick<GeneratedRequest, 'tenantId' | 'documentType' | 'entity'>) =>
    `${r.tenantId}|${r.documentType}|${r.entity.type}|${r.entity.id}|${r.entity.version}`;

  const existing = async (key: string, tenantId: string): Promise<StoredFile | undefined> => {
    const claimed = await index().findOne({ _id: key });
    return claimed ? store.find(tenantId, claimed.fileId) : undefined;
  };

  const documents = {
    async documentFor(req: GeneratedRequest): Promise<StoredFile> {
      const key = keyOf(req);
      const found = await existing(key, req.tenantId);
      if (found) return found;
      const bytes = await req.render();
      const file = await store.put({
        id: newFileId('doc', owner),
        tenantId: req.tenantId,
        kind: 'GENERATED',
        name: req.name,
        contentType: CONTENT_TYPES.PDF,
        bytes,
        entity: req.entity,
        documentType: req.documentType,
        createdBy: req.createdBy,
      });
      try {
        await index().insertOne({ _id: key, tenantId: req.tenantId, fileId: file.id });
        return file;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        await store.remove(file.id);
        const winner = await existing(key, req.tenantId);
        if (!winner) throw new Error(`generated document ${key} claimed but its file is missing`);
        return winner;
      }
    },
    /** The document as clients see it (what every `…Document` field of the graph answers). */
    async viewFor(req: GeneratedRequest): Promise<GeneratedDocumentView> {
      return generatedDocumentView(await documents.documentFor(req));
    },
  };
  return documents;
}
export type GeneratedDocuments = ReturnType<typeof generatedDocuments>;

/** Where a client downloads a generated document: the gateway's route beside /graphql. */
export const documentPath = (id: string): string => `/documents/${id}`;

/** A generated document as clients see it (GraphQL GeneratedDocument). */
export function generatedDocumentView(file: StoredFile) {
  return {
    id: file.id,
    documentType: file.documentType ?? 'DOCUMENT',
    name: file.name,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    entityVersion: file.entity?.version ?? 0,
    createdAt: file.createdAt,
    downloadPath: documentPath(file.id),
  };
}
export type GeneratedDocumentView = ReturnType<typeof generatedDocumentView>;
