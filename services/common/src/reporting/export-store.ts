import type { Connection } from 'mongoose';
import { stringIdBucket } from '../mongo/gridfs';
import type { ExportFormat, ExportStatus } from './export';

/** One export job as kept between processes: who asked (tenant + subject), its state and expiry. */
export interface ExportRecord {
  id: string;
  tenantId: string;
  subject: string;
  status: ExportStatus;
  format: ExportFormat;
  name: string;
  rows: number;
  error: { message: string; code: string } | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date;
  /** While RUNNING: the process keeps pushing this forward; once past, nobody is running the job. */
  leaseUntil: Date | null;
}

export type ExportOutcome = Pick<ExportRecord, 'status' | 'rows' | 'error' | 'finishedAt'>;

/** Where export jobs and their files live: the gateway's database, or its memory without one. */
export interface ExportStore {
  insert(job: ExportRecord): Promise<void>;
  /** The job, expired or not (the caller filters). */
  find(id: string): Promise<ExportRecord | null>;
  renew(id: string, leaseUntil: Date): Promise<void>;
  /** The outcome, and the file when DONE; only a job still RUNNING is finished. */
  finish(id: string, outcome: ExportOutcome, file: Buffer | null): Promise<void>;
  file(id: string): Promise<Buffer | null>;
  /** The ids of one caller's jobs, oldest first. */
  idsOf(tenantId: string, subject: string): Promise<string[]>;
  remove(id: string): Promise<void>;
  /** RUNNING jobs whose lease ran out (their process died) become FAILED with `error`; returns how many. */
  failAbandoned(now: Date, error: { message: string; code: string }): Promise<number>;
  /** Drop expired jobs' files (and any jobs the store has not expired by itself). */
  sweep(now: Date): Promise<void>;
}

/** One process's memory: jobs are lost on restart and not shared by replicas (tests, no database configured). */
export function memoryExportStore(): ExportStore {
  const jobs = new Map<string, ExportRecord>();
  const files = new Map<string, Buffer>();
  return {
    async insert(job) {
      jobs.set(job.id, { ...job });
    },
    async find(id) {
      const j = jobs.get(id);
      return j ? { ...j } : null;
    },
    async renew(id, leaseUntil) {
      const j = jobs.get(id);
      if (j?.status === 'RUNNING') j.leaseUntil = leaseUntil;
    },
    async finish(id, outcome, file) {
      const j = jobs.get(id);
      if (j?.status !== 'RUNNING') return;
      Object.assign(j, outcome, { leaseUntil: null });
      if (file) files.set(id, file);
    },
    async file(id) {
      return files.get(id) ?? null;
    },
    async idsOf(tenantId, subject) {
      return [...jobs.values()]
        .filter((j) => j.tenantId === tenantId && j.subject === subject)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((j) => j.id);
    },
    async remove(id) {
      jobs.delete(id);
      files.delete(id);
    },
    async failAbandoned(now, error) {
      let n = 0;
      for (const j of jobs.values()) {
        if (j.status === 'RUNNING' && j.leaseUntil && j.leaseUntil < now) {
          Object.assign(j, { status: 'FAILED', error, finishedAt: now, leaseUntil: null });
          n++;
        }
      }
      return n;
    },
    async sweep(now) {
      for (const [id, j] of jobs) if (j.expiresAt <= now) await this.remove(id);
    },
  };
}

interface JobDoc extends Omit<ExportRecord, 'id'> {
  _id: string;
}
interface FileDoc {
  _id: string;
  metadata?: { expiresAt?: Date };
}

const CHUNK_BYTES = 255 * 1024;

/**
 * The gateway's database: jobs in `export_jobs` (TTL index on `expiresAt`), files in GridFS bucket
 * `exports` with the job's id as file id and `metadata.expiresAt`. Every replica reads the same jobs,
 * and a restart forgets none. The TTL index is MongoDB's clean-up; the local Mongo-wire engine
 * (mongo-java-server) keeps the index but never expires documents, so readers filter on `expiresAt`
 * themselves and `sweep` deletes what is past it — the files always (GridFS has no TTL), the jobs too.
 * Lookups are by `_id` alone; the owner is checked by the caller.
 */
export function mongoExportStore(conn: Connection): ExportStore {
  const jobs = () => conn.collection<JobDoc>('export_jobs');
  const bucket = () => stringIdBucket(conn, 'exports', CHUNK_BYTES, 'export store');
  const toRecord = ({ _id, ...rest }: JobDoc): ExportRecord => ({ id: _id, ...rest });
  return {
    async insert({ id, ...rest }) {
      await jobs().insertOne({ _id: id, ...rest });
    },
    async find(id) {
      const doc = await jobs().findOne({ _id: id });
      return doc ? toRecord(doc as JobDoc) : null;
    },
    async renew(id, leaseUntil) {
      await jobs().updateOne({ _id: id, status: 'RUNNING' }, { $set: { leaseUntil } });
    },
    async finish(id, outcome, file) {
      const job = await jobs().findOne({ _id: id });
      if (!job || job.status !== 'RUNNING') return;
      // The file first: a job reads DONE only once its file is whole.
      if (file) {
        await new Promise<void>((resolve, reject) => {
          const upload = bucket().openUploadStreamWithId(id, `${job.name}.${job.format.toLowerCase()}`, {
            metadata: { tenantId: job.tenantId, expiresAt: job.expiresAt },
          });
          upload.once('error', reject).once('finish', () => resolve());
          upload.end(file);
        });
      }
      await jobs().updateOne({ _id: id, status: 'RUNNING' }, { $set: { ...outcome, leaseUntil: null } });
    },
    async file(id) {
      const meta = await conn.collection<FileDoc>('exports.files').findOne({ _id: id });
      if (!meta) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of bucket().openDownloadStream(id)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    async idsOf(tenantId, subject) {
      const docs = await jobs()
        .find({ tenantId, subject }, { projection: { _id: 1, createdAt: 1 } })
        .toArray();
      return docs.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime()).map((d) => d._id);
    },
    async remove(id) {
      await jobs().deleteOne({ _id: id });
      await bucket()
        .delete(id)
        .catch(() => undefined); // no file (FAILED job) is fine
    },
    async failAbandoned(now, error) {
      const res = await jobs().updateMany(
        { status: 'RUNNING', leaseUntil: { $lt: now } },
        { $set: { status: 'FAILED', error, finishedAt: now, leaseUntil: null } },
      );
      return res.modifiedCount;
    },
    async sweep(now) {
      const expired = await conn
        .collection<FileDoc>('exports.files')
        .find({ 'metadata.expiresAt': { $lte: now } }, { projection: { _id: 1 } })
        .limit(100)
        .toArray();
      for (const f of expired)
        await bucket()
          .delete(f._id)
          .catch(() => undefined);
      await jobs().deleteMany({ expiresAt: { $lte: now } });
    },
  };
}

/** The TTL index of the jobs (MongoDB expires them; see mongoExportStore for the local engine), and one per query. */
export async function ensureExportIndexes(conn: Connection): Promise<void> {
  await conn.collection('export_jobs').createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  await conn.collection('export_jobs').createIndex({ tenantId: 1, subject: 1 });
  await conn.collection('export_jobs').createIndex({ status: 1, leaseUntil: 1 });
  await conn.collection('exports.files').createIndex({ 'metadata.expiresAt': 1 });
}
