import { randomUUID } from 'node:crypto';
import { Router, json, type Request, type Response } from 'express';
import type { Principal } from '../auth/roles';

/**
 * Exports of any list or indicator series (issue #15), one implementation for the graph: an export job
 * runs a GraphQL query as its caller (so every policy applies as to the query itself), follows the
 * connection's pages when the query declares `$after`, flattens each node into a row (`total.amount`
 * columns) and writes CSV or XLSX (exceljs). The job has a status and, once DONE, a download link; both
 * answer only to the caller who started it (same tenant and user). Jobs live in the gateway's memory for
 * `ttlMs` (a restart forgets them: the job is re-run, the data is the graph's).
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
  constructor(message: string, readonly code: string) {
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

interface Stored extends ExportJob {
  owner: string;
  file: Buffer | null;
  name: string;
}

export interface ExportJobsOptions {
  maxRows?: number;
  ttlMs?: number;
  /** Jobs kept per caller at once (older ones are forgotten first). */
  perOwner?: number;
}

const ownerOf = (p: Pick<Principal, 'tenantId' | 'userId'>) => `${p.tenantId}\u0000${p.userId}`;

/** The export jobs of one gateway process. */
export class ExportJobs {
  private readonly jobs = new Map<string, Stored>();
  private readonly maxRows: number;
  private readonly ttlMs: number;
  private readonly perOwner: number;

  constructor(options: ExportJobsOptions = {}) {
    this.maxRows = options.maxRows ?? 100_000;
    this.ttlMs = options.ttlMs ?? 3_600_000;
    this.perOwner = options.perOwner ?? 20;
  }

  /** Starts a job; it runs in the background. `done` resolves when it has finished (tests, shutdown). */
  start(principal: Principal, request: { query: string; variables: Record<string, unknown>; format: ExportFormat; name: string }, run: RunOperation): { job: ExportJob; done: Promise<void> } {
    this.sweep();
    const owner = ownerOf(principal);
    const mine = [...this.jobs.values()].filter((j) => j.owner === owner).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const old of mine.slice(0, Math.max(0, mine.length - this.perOwner + 1))) this.jobs.delete(old.id);
    const job: Stored = { id: `exp_${randomUUID()}`, status: 'RUNNING', format: request.format, rows: 0, error: null, createdAt: new Date(), finishedAt: null, owner, file: null, name: request.name };
    this.jobs.set(job.id, job);
    const done = (async () => {
      try {
        const rows = await collectRows(run, request.query, request.variables, this.maxRows);
        job.file = request.format === 'CSV' ? toCsv(rows) : await toXlsx(rows, request.name);
        job.rows = rows.length;
        job.status = 'DONE';
      } catch (err) {
        job.status = 'FAILED';
        job.error = err instanceof ExportError ? { message: err.message, code: err.code } : { message: 'the export failed', code: 'INTERNAL_SERVER_ERROR' };
      } finally {
        job.finishedAt = new Date();
      }
    })();
    return { job: publicView(job), done };
  }

  /** The caller's job (another caller's is as unknown as a missing one). */
  get(principal: Principal, id: string): (ExportJob & { file: Buffer | null; name: string }) | null {
    this.sweep();
    const job = this.jobs.get(id);
    return job && job.owner === ownerOf(principal) ? { ...publicView(job), file: job.file, name: job.name } : null;
  }

  private sweep(): void {
    const limit = Date.now() - this.ttlMs;
    for (const [id, j] of this.jobs) if (j.createdAt.getTime() < limit) this.jobs.delete(id);
  }
}

const publicView = (j: Stored): ExportJob => ({ id: j.id, status: j.status, format: j.format, rows: j.rows, error: j.error, createdAt: j.createdAt, finishedAt: j.finishedAt });

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
export function exportRouter(options: { jobs: ExportJobs; base: string; principalOf: (req: Request) => Principal | undefined; runAs: (req: Request) => RunOperation; maxBodyBytes?: number }): Router {
  const { jobs, base } = options;
  const router = Router();
  const view = (j: ExportJob) => ({ ...j, statusUrl: `${base}/${j.id}`, downloadUrl: j.status === 'DONE' ? `${base}/${j.id}/download` : null });
  router.post('/', json({ limit: options.maxBodyBytes ?? 100_000 }), (req, res) => {
    const principal = options.principalOf(req)!;
    const body = (req.body ?? {}) as { query?: unknown; variables?: unknown; format?: unknown; name?: unknown };
    if (typeof body.query !== 'string' || !body.query.trim()) return refuse(res, 400, 'BAD_USER_INPUT', 'query is required');
    if (/\bmutation\b|\bsubscription\b/.test(body.query.replace(/#[^\n]*/g, '').split('{')[0] ?? '')) return refuse(res, 400, 'BAD_USER_INPUT', 'only queries can be exported');
    if (body.format !== 'CSV' && body.format !== 'XLSX') return refuse(res, 400, 'BAD_USER_INPUT', 'format must be CSV or XLSX');
    if (body.variables !== undefined && !isObject(body.variables)) return refuse(res, 400, 'BAD_USER_INPUT', 'variables must be an object');
    const name = typeof body.name === 'string' && /^[\w.-]{1,60}$/.test(body.name) ? body.name : 'export';
    const { job } = jobs.start(principal, { query: body.query, variables: (body.variables as Record<string, unknown>) ?? {}, format: body.format, name }, options.runAs(req));
    res.status(202).json(view(job));
  });
  router.get('/:id', (req, res) => {
    const job = jobs.get(options.principalOf(req)!, String(req.params.id));
    if (!job) return refuse(res, 404, 'NOT_FOUND', 'no such export');
    const { file: _file, name: _name, ...rest } = job;
    res.json(view(rest));
  });
  router.get('/:id/download', (req, res) => {
    const job = jobs.get(options.principalOf(req)!, String(req.params.id));
    if (!job) return refuse(res, 404, 'NOT_FOUND', 'no such export');
    if (job.status !== 'DONE' || !job.file) return refuse(res, 409, 'FAILED_PRECONDITION', `the export is ${job.status}`);
    res.setHeader('content-type', CONTENT_TYPE[job.format]);
    res.setHeader('content-disposition', `attachment; filename="${job.name}.${job.format.toLowerCase()}"`);
    res.send(job.file);
  });
  return router;
}
