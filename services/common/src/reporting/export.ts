import { randomUUID } from 'node:crypto';
import { Router, json, type Request, type Response } from 'express';
import type { Principal } from '../auth/roles';
import { memoryExportStore, type ExportOutcome, type ExportRecord, type ExportStore } from './export-store';

/**
 * Exports of any list or indicator series (issue #15), one implementation for the graph: an export job
 * runs a GraphQL query as its caller (so every policy applies as to the query itself), follows the
 * connection's pages when the query declares `$after`, flattens each node into a row (`total.amount`
 * columns) and writes CSV or XLSX (exceljs). The job has a status and, once DONE, a download link; both
 * answer only to the caller who started it (same tenant and user). Jobs and files live for `ttlMs` in
 * the gateway's database (export-store.ts: shared by replicas, kept across restarts); a job whose
 * process died while RUNNING reads FAILED (its lease ran out) and is started again by its caller.
 */

export type ExportFormat = 'CSV' | 'XLSX';
export type ExportStatus = 'RUNNING' | 'DONE' | 'FAILED';
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface OperationAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}
/** Runs one GraphQL operation as the export's caller. */
export type RunOperation = (query: string, variables: Record<string, unknown>) => Promise<OperationAnswer>;

export interface ExportJob {
  id: string;
  status: ExportStatus;
  format: ExportFormat;
  rows: number;
  error: { message: string; code: string } | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One node as one row: nested objects become dotted columns, lists a `; `-joined text. */
export function flatten(value: unknown, prefix = '', into: Row = {}): Row {
  if (!isObject(value)) {
    into[prefix || 'value'] = value === undefined ? null : (value as Cell);
    return into;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === '__typename') continue;
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObject(v)) flatten(v, key, into);
    else if (Array.isArray(v)) into[key] = v.map((x) => (isObject(x) ? JSON.stringify(x) : String(x))).join('; ');
    else into[key] = v === undefined ? null : (v as Cell);
  }
  return into;
}

/**
 * The rows of one answer's root field: a connection's nodes, a list's items, the first list inside an
 * object (an indicator series), or the object itself as one row.
 */
export function rowsOfRoot(root: unknown): { rows: Row[]; next: string | null } {
  if (Array.isArray(root)) return { rows: root.map((x) => flatten(x)), next: null };
  if (!isObject(root)) return { rows: [flatten(root)], next: null };
  if (Array.isArray(root.edges)) {
    const info = isObject(root.pageInfo) ? root.pageInfo : {};
    return {
      rows: (root.edges as { node?: unknown }[]).map((e) => flatten(e.node)),
      next: info.hasNextPage === true && typeof info.endCursor === 'string' ? info.endCursor : null,
    };
  }
  const list = Object.values(root).find(Array.isArray);
  return list ? { rows: list.map((x) => flatten(x)), next: null } : { rows: [flatten(root)], next: null };
}

export class ExportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Every row of the query: page after page while the connection has more and the query takes `$after`. */
export async function collectRows(run: RunOperation, query: string, variables: Record<string, unknown>, maxRows: number): Promise<Row[]> {
  const pages = /\$after\s*:/.test(query);
  const rows: Row[] = [];
  let vars = { ...variables };
  for (;;) {
    const answer = await run(query, vars);
    if (answer.errors?.length) {
      const e = answer.errors[0]!;
      throw new ExportError(e.message, String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
    }
    const data = answer.data ?? {};
    const fields = Object.keys(data);
    if (fields.length !== 1) throw new ExportError('an export query selects exactly one root field', 'BAD_USER_INPUT');
    const { rows: page, next } = rowsOfRoot(data[fields[0]!]);
    rows.push(...page);
    if (rows.length > maxRows) throw new ExportError(`more than ${maxRows} rows: narrow the query (updatedSince / updatedBefore)`, 'BAD_USER_INPUT');
    if (!pages || !next) return rows;
    vars = { ...vars, after: next };
  }
}

/** The columns of the rows, in first-seen order (rows may differ when fields are null). */
export function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

const csvCell = (v: Cell): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV with a header row (UTF-8, CRLF). */
export function toCsv(rows: readonly Row[]): Buffer {
  const cols = columnsOf(rows);
  const lines = [cols.map(csvCell).join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c] ?? null)).join(','))];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** One worksheet, a header row and one row per record. */
export async function toXlsx(rows: readonly Row[], sheet = 'export'): Promise<Buffer> {
  // Loaded on the first XLSX only: every service imports the kit, few ever write a workbook.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ExcelJS = require('exceljs') as typeof import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Vínculo';
  const ws = book.addWorksheet(sheet.slice(0, 31));
  const cols = columnsOf(rows);
  ws.columns = cols.map((c) => ({ header: c, key: c, width: Math.min(40, Math.max(10, c.length + 2)) }));
  for (const r of rows) ws.addRow(Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export interface ExportJobsOptions {
  maxRows?: number;
  ttlMs?: number;
  /** Jobs kept per caller at once (older ones are forgotten first). */
  perOwner?: number;
  /** Where jobs and files live (the gateway's database); memory when not given. */
  store?: ExportStore;
  /** How long a RUNNING job counts as alive without its process renewing it. */
  leaseMs?: number;
}

/** What a job that lost its process (restart, crash) reads as. */
export const INTERRUPTED = { message: 'the export was interrupted (the gateway restarted): start it again', code: 'INTERNAL_SERVER_ERROR' };

const publicView = (j: ExportRecord): ExportJob => ({
  id: j.id,
  status: j.status,
  format: j.format,
  rows: j.rows,
  error: j.error,
  createdAt: j.createdAt,
  finishedAt: j.finishedAt,
});

/** The export jobs, kept in a store shared by every gateway replica (or one process's memory). */
export class ExportJobs {
  private readonly store: ExportStore;
  private readonly maxRows: number;
  private readonly ttlMs: number;
  private readonly perOwner: number;
  private readonly leaseMs: number;

  constructor(options: ExportJobsOptions = {}) {
    this.store = options.store ?? memoryExportStore();
    this.maxRows = options.maxRows ?? 100_000;
    this.ttlMs = options.ttlMs ?? 3_600_000;
    this.perOwner = options.perOwner ?? 20;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  /**
   * At start-up: jobs left RUNNING by a process that is gone (lease run out) become FAILED, and what
   * has expired is dropped. A replica still running its job keeps renewing the lease, so it is not touched.
   */
  async recover(now = new Date()): Promise<number> {
    await this.store.sweep(now);
    return this.store.failAbandoned(now, INTERRUPTED);
  }

  /** Starts a job; it runs in the background. `done` resolves when it has finished (tests, shutdown). */
  async start(
    principal: Principal,
    request: { query: string; variables: Record<string, unknown>; format: ExportFormat; name: string },
    run: RunOperation,
  ): Promise<{ job: ExportJob; done: Promise<void> }> {
    const now = new Date();
    await this.store.sweep(now);
    const mine = await this.store.idsOf(principal.tenantId, principal.userId);
    for (const old of mine.slice(0, Math.max(0, mine.length - this.perOwner + 1))) await this.store.remove(old);
    const job: ExportRecord = {
      id: `exp_${randomUUID()}`,
      tenantId: principal.tenantId,
      subject: principal.userId,
      status: 'RUNNING',
      format: request.format,
      name: request.name,
      rows: 0,
      error: null,
      createdAt: now,
      finishedAt: null,
      expiresAt: new Date(now.getTime() + this.ttlMs),
      leaseUntil: new Date(now.getTime() + this.leaseMs),
    };
    await this.store.insert(job);
    const renewal = setInterval(
      () => void this.store.renew(job.id, new Date(Date.now() + this.leaseMs)).catch(() => undefined),
      Math.max(1000, Math.floor(this.leaseMs / 3)),
    );
    renewal.unref();
    const done = (async () => {
      let outcome: ExportOutcome;
      let file: Buffer | null = null;
      try {
        const rows = await collectRows(run, request.query, request.variables, this.maxRows);
        file = request.format === 'CSV' ? toCsv(rows) : await toXlsx(rows, request.name);
        outcome = { status: 'DONE', rows: rows.length, error: null, finishedAt: new Date() };
      } catch (err) {
        const error = err instanceof ExportError ? { message: err.message, code: err.code } : { message: 'the export failed', code: 'INTERNAL_SERVER_ERROR' };
        outcome = { status: 'FAILED', rows: 0, error, finishedAt: new Date() };
      }
      try {
        await this.store.finish(job.id, outcome, file);
      } catch {
        // The store failed: the lease runs out and the job reads as interrupted.
      } finally {
        clearInterval(renewal);
      }
    })();
    return { job: publicView(job), done };
  }

  /**
   * The caller's job (another caller's is as unknown as a missing one; so is an expired one, also where
   * the store does not expire documents by itself). A RUNNING job whose lease ran out reads FAILED.
   */
  async get(principal: Principal, id: string): Promise<(ExportJob & { name: string }) | null> {
    const job = await this.store.find(id);
    const now = new Date();
    if (!job || job.tenantId !== principal.tenantId || job.subject !== principal.userId || job.expiresAt <= now) return null;
    if (job.status === 'RUNNING' && job.leaseUntil && job.leaseUntil < now) {
      await this.store.failAbandoned(now, INTERRUPTED);
      return { ...publicView(job), status: 'FAILED', error: INTERRUPTED, finishedAt: now, name: job.name };
    }
    return { ...publicView(job), name: job.name };
  }

  /** The file of the caller's DONE job. */
  async file(principal: Principal, id: string): Promise<Buffer | null> {
    const job = await this.get(principal, id);
    return job?.status === 'DONE' ? this.store.file(id) : null;
  }
}

const CONTENT_TYPE: Record<ExportFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * The HTTP face of the jobs, mounted behind the same authentication as /graphql:
 *   POST /            { query, variables?, format: CSV|XLSX, name? } → 202 the job (status RUNNING) and its links
 *   GET  /:id         the job's status (and its download link once DONE)
 *   GET  /:id/download the file (409 FAILED_PRECONDITION while RUNNING)
 * `runAs` runs an operation as the request's caller (the gateway executes it in-process).
 */
export function exportRouter(options: {
  jobs: ExportJobs;
  base: string;
  principalOf: (req: Request) => Principal | undefined;
  runAs: (req: Request) => RunOperation;
  maxBodyBytes?: number;
}): Router {
  const { jobs, base } = options;
  const router = Router();
  const view = (j: ExportJob) => ({ ...j, statusUrl: `${base}/${j.id}`, downloadUrl: j.status === 'DONE' ? `${base}/${j.id}/download` : null });
  router.post('/', json({ limit: options.maxBodyBytes ?? 100_000 }), async (req, res) => {
    const principal = options.principalOf(req)!;
    const body = (req.body ?? {}) as { query?: unknown; variables?: unknown; format?: unknown; name?: unknown };
    if (typeof body.query !== 'string' || !body.query.trim()) return refuse(res, 400, 'BAD_USER_INPUT', 'query is required');
    if (/\bmutation\b|\bsubscription\b/.test(body.query.replace(/#[^\n]*/g, '').split('{')[0] ?? ''))
      return refuse(res, 400, 'BAD_USER_INPUT', 'only queries can be exported');
    if (body.format !== 'CSV' && body.format !== 'XLSX') return refuse(res, 400, 'BAD_USER_INPUT', 'format must be CSV or XLSX');
    if (body.variables !== undefined && !isObject(body.variables)) return refuse(res, 400, 'BAD_USER_INPUT', 'variables must be an object');
    const name = typeof body.name === 'string' && /^[\w.-]{1,60}$/.test(body.name) ? body.name : 'export';
    const { job } = await jobs.start(
      principal,
      { query: body.query, variables: (body.variables as Record<string, unknown>) ?? {}, format: body.format, name },
      options.runAs(req),
    );
    res.status(202).json(view(job));
  });
  router.get('/:id', async (req, res) => {
    const job = await jobs.get(options.principalOf(req)!, String(req.params.id));
    if (!job) return refuse(res, 404, 'NOT_FOUND', 'no such export');
    const { name: _name, ...rest } = job;
    res.json(view(rest));
  });
  router.get('/:id/download', async (req, res) => {
    const principal = options.principalOf(req)!;
    const job = await jobs.get(principal, String(req.params.id));
    if (!job) return refuse(res, 404, 'NOT_FOUND', 'no such export');
    const file = job.status === 'DONE' ? await jobs.file(principal, job.id) : null;
    if (!file) return refuse(res, 409, 'FAILED_PRECONDITION', `the export is ${job.status}`);
    res.setHeader('content-type', CONTENT_TYPE[job.format]);
    res.setHeader('content-disposition', `attachment; filename="${job.name}.${job.format.toLowerCase()}"`);
    res.send(file);
  });
  return router;
}
