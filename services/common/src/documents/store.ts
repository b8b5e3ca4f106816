import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { stringIdBucket } from '../mongo/gridfs';
import { notFound } from '../errors/codes';
import type { FileKind } from './kinds';
import type { SniffedContentType } from './sniff';

/** The entity a file belongs to, and the version of it the file came from (generated documents). */
export interface FileEntityRef {
  type: string;
  id: string;
  version: number | null;
}

/** What is kept with every stored file (GridFS `metadata`). */
export interface StoredFileMeta {
  tenantId: string;
  kind: FileKind;
  name: string;
  contentType: SniffedContentType;
  size: number;
  sha256: string;
  entity: FileEntityRef | null;
  /** A generated document's type (PROFORMA_INVOICE…); null for uploads. */
  documentType: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface StoredFile extends StoredFileMeta {
  id: string;
}

export interface PutFile {
  id: string;
  tenantId: string;
  kind: FileKind;
  name: string;
  contentType: SniffedContentType;
  bytes: Buffer;
  entity?: FileEntityRef | null;
  documentType?: string | null;
  createdBy: string;
  createdAt?: Date;
}

interface FilesDoc {
  _id: string;
  length: number;
  metadata?: StoredFileMeta;
}

const CHUNK_BYTES = 255 * 1024;

/**
 * A subgraph's file store: GridFS (bucket `<bucket>.files` / `<bucket>.chunks`) on its own
 * connection, so files live in the subgraph's database next to the entities they belong to. Works on
 * MongoDB and on the local Mongo-wire engine. The tenant is in every file's metadata and every read
 * checks it: another tenant's id reads as NOT_FOUND, exactly like an id that does not exist.
 */
export function fileStore(conn: Connection, bucketName = 'files') {
  const bucket = () => stringIdBucket(conn, bucketName, CHUNK_BYTES, 'file store');
  const files = () => conn.collection<FilesDoc>(`${bucketName}.files`);

  const toFile = (doc: FilesDoc | null, tenantId: string): StoredFile | undefined => {
    // Looked up by `_id` alone (the local engine scans a tenant for compound filters), tenant checked here.
    if (!doc?.metadata || doc.metadata.tenantId !== tenantId) return undefined;
    return { id: doc._id, ...doc.metadata };
  };

  return {
    /** Store a file's bytes with its metadata; the size and SHA-256 are computed here. */
    async put(file: PutFile): Promise<StoredFile> {
      const meta: StoredFileMeta = {
        tenantId: file.tenantId,
        kind: file.kind,
        name: file.name,
        contentType: file.contentType,
        size: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        entity: file.entity ?? null,
        documentType: file.documentType ?? null,
        createdBy: file.createdBy,
        createdAt: file.createdAt ?? new Date(),
      };
      await new Promise<void>((resolve, reject) => {
        const upload = bucket().openUploadStreamWithId(file.id, file.name, { metadata: meta });
        upload.once('error', reject).once('finish', () => resolve());
        upload.end(file.bytes);
      });
      return { id: file.id, ...meta };
    },

    /** The file's metadata if it exists and is the tenant's. */
    async find(tenantId: string, id: string): Promise<StoredFile | undefined> {
      return toFile(await files().findOne({ _id: id }), tenantId);
    },

    /** The file's metadata, NOT_FOUND when it does not exist or is another tenant's. */
    async get(tenantId: string, id: string): Promise<StoredFile> {
      const file = toFile(await files().findOne({ _id: id }), tenantId);
      if (!file) throw notFound('File', id);
      return file;
    },

    /** The file's bytes as a stream (call `get` first: this does not check the tenant). */
    open(id: string): NodeJS.ReadableStream {
      return bucket().openDownloadStream(id);
    },

    /** The whole file (for small files: letterhead logos). */
    async read(tenantId: string, id: string): Promise<Buffer> {
      await this.get(tenantId, id);
      const chunks: Buffer[] = [];
      for await (const chunk of bucket().openDownloadStream(id)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },

    /** Remove a file (a generated document that lost a race to another copy). */
    async remove(id: string): Promise<void> {
      await bucket()
        .delete(id)
        .catch(() => undefined);
    },
  };
}
export type FileStore = ReturnType<typeof fileStore>;
