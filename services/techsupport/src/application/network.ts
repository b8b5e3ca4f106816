import {
  assessFeasibility,
  badInput,
  notFound,
  boundingBox,
  type CoverageNode,
  DomainError,
  type EventEnvelope,
  type Feasibility,
  type FeasibilityQuery,
  findOneById,
  isDuplicateKey,
  MAX_COVERAGE_RADIUS_M,
  newEnvelope,
  newId,
  retryOnStale,
  runCommand,
} from '@vinculo/common';
import { nodeMatchesRow, parseCsv, parseGeoJson, planImport, reservePort, settlePort, type NodePorts, type NodeRow, type RowError } from '../domain/network';
import { nodesByCode, type NetworkNodeDoc } from '../store/node.model';
import type { Actor, Deps } from './deps';

/** The node as feasibility (and the CoverageChanged snapshot) sees it: reserved ports count as used. */
export function coverageNodeOf(n: NetworkNodeDoc): CoverageNode {
  return {
    nodeId: n._id,
    code: n.code,
    technology: n.technology,
    location: { latitude: n.location.latitude, longitude: n.location.longitude },
    coverageRadiusM: n.coverageRadiusM,
    portsTotal: n.portsTotal,
    portsUsed: n.portsInService + n.reservations.length,
    maxSpeedMbps: n.maxSpeedMbps,
    active: n.active,
  };
}

/** techsupport.CoverageChanged for a node at `nodeVersion` (its document version after the write). */
export function coverageChanged(n: Omit<NetworkNodeDoc, 'version' | 'outbox'>, nodeVersion: number, who: Actor): EventEnvelope {
  return newEnvelope('techsupport', who, {
    type: 'techsupport.CoverageChanged',
    subject: n._id,
    data: { ...coverageNodeOf(n as NetworkNodeDoc), nodeVersion, kind: n.kind, district: n.district },
  });
}

/** Feasibility from the inventory, with the shared rule (the same function the read models use). */
export async function assess(deps: Deps, tenantId: string, q: FeasibilityQuery): Promise<Feasibility> {
  const box = boundingBox(q.location, MAX_COVERAGE_RADIUS_M);
  const nodes = await deps.nodes
    .find({ tenantId, 'location.latitude': { $gte: box.minLat, $lte: box.maxLat }, 'location.longitude': { $gte: box.minLng, $lte: box.maxLng } })
    .lean<NetworkNodeDoc[]>();
  return assessFeasibility(nodes.map(coverageNodeOf), q);
}

/** Several work orders may reserve on one node at once: a port change re-decides this many times. */
const PORT_ATTEMPTS = 20;

/** Change a node's ports (a system act on the node as it is now; stale → decided again). */
async function changePorts(deps: Deps, tenantId: string, nodeId: string, who: Actor, fn: (p: NodePorts) => NodePorts | string): Promise<string> {
  if (!(await findOneById(deps.nodes, tenantId, nodeId))) return 'NO_NODE';
  let outcome = 'DONE';
  await runCommand({
    model: deps.nodes,
    what: 'NetworkNode',
    tenantId,
    id: nodeId,
    concurrency: { retry: PORT_ATTEMPTS },
    published: deps.published,
    decide: (n) => {
      const next = fn({ portsTotal: n.portsTotal, portsInService: n.portsInService, reservations: n.reservations });
      outcome = typeof next === 'string' ? next : 'DONE';
      if (typeof next === 'string') return null;
      const changed = { ...n, portsInService: next.portsInService, reservations: next.reservations, updatedAt: new Date() };
      return {
        update: { $set: { portsInService: next.portsInService, reservations: next.reservations, updatedAt: changed.updatedAt } },
        events: [coverageChanged(changed, n.version + 1, who)],
      };
    },
  });
  return outcome;
}

/** Reserve a port for a work order (idempotent). 'FULL' when no port is free, 'NO_NODE' when unknown. */
export const reserve = (deps: Deps, tenantId: string, nodeId: string, workOrderId: string, who: Actor) =>
  changePorts(deps, tenantId, nodeId, who, (p) => reservePort(p, workOrderId));

/** A closed work order consumes (resolved) or releases its reserved port (idempotent). */
export const settle = (deps: Deps, tenantId: string, nodeId: string, workOrderId: string, resolved: boolean, who: Actor) =>
  changePorts(deps, tenantId, nodeId, who, (p) => settlePort(p, workOrderId, resolved));

/**
 * Write one validated row of an import: a new code creates its node, a known code updates it (its
 * reserved ports kept; versioned, so the CoverageChanged snapshot carries the version it replaces),
 * and a node already as the row says is left alone: no write, no event. So re-running a file after a
 * crash part-way converges: the nodes written before the crash come back UNCHANGED. Two imports of
 * one new code at once: the unique (tenant, code) index lets one create it, the other updates it.
 */
export async function importNode(deps: Deps, tenantId: string, r: NodeRow, who: Actor, now: Date): Promise<'CREATED' | 'UPDATED' | 'UNCHANGED'> {
  const fields = {
    kind: r.kind,
    district: r.district,
    technology: r.technology,
    location: r.location,
    coverageRadiusM: r.coverageRadiusM,
    portsTotal: r.portsTotal,
    portsInService: r.portsUsed,
    maxSpeedMbps: r.maxSpeedMbps,
    active: r.active,
    updatedAt: now,
  };
  return retryOnStale(PORT_ATTEMPTS, async (attempt) => {
    const again = () =>
      new DomainError(
        'stale_version',
        attempt < PORT_ATTEMPTS
          ? `network node ${r.code} changed; read it again`
          : `network node ${r.code} kept changing during the import; re-run the same file to finish it`,
      );
    const current = await deps.nodes.findOne({ tenantId, code: r.code }).lean<NetworkNodeDoc>();
    if (!current) {
      const doc = { _id: newId('node'), tenantId, code: r.code, reservations: [] as string[], ...fields };
      try {
        await deps.nodes.create({ ...doc, version: 1, outbox: [coverageChanged(doc, 1, who)] });
        return 'CREATED' as const;
      } catch (err) {
        if (isDuplicateKey(err)) throw again(); // another import created it first: update it instead
        throw err;
      }
    }
    if (nodeMatchesRow(current, r)) return 'UNCHANGED' as const;
    const next = { ...current, ...fields };
    const res = await deps.nodes.updateOne(
      { _id: current._id, tenantId, version: current.version },
      { $set: fields, $inc: { version: 1 }, $push: { outbox: coverageChanged(next, current.version + 1, who) } },
    );
    if (res.modifiedCount === 1) return 'UPDATED' as const;
    throw again();
  });
}

/** A QGIS export to import: inline text or an uploaded file (exactly one). */
export interface ImportInput {
  format: 'CSV' | 'GEOJSON';
  content?: string | null;
  attachmentId?: string | null;
}

export interface ImportResult {
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

const MAX_CONTENT = 5_000_000;

/**
 * Bulk import of the tenant's QGIS export. Every row is validated first; any error → the errors per
 * row and nothing written. Otherwise each node is written on its own (created, updated with its
 * reserved ports kept, or left alone when unchanged), each with its CoverageChanged snapshot in the
 * same write. A crash part-way leaves the nodes written so far: re-running the same file finishes it.
 */
export async function importNetwork(deps: Deps, who: Actor, input: ImportInput): Promise<ImportResult> {
  const tenantId = who.tenantId;
  const content = await importContent(deps, tenantId, input);
  if (content.length > MAX_CONTENT) throw badInput(`the file must be at most ${MAX_CONTENT} characters`, 'content');
  const parsed = input.format === 'CSV' ? parseCsv(content) : parseGeoJson(content);
  const existing = await nodesByCode(
    deps.nodes,
    tenantId,
    parsed.rows.map((r) => r.code),
  );
  const plan = planImport(parsed, new Map(existing.map((n) => [n.code, { portsReserved: n.reservations.length }])));
  if (plan.errors.length) return { imported: 0, created: 0, updated: 0, unchanged: 0, errors: plan.errors };
  const now = new Date();
  const count = { CREATED: 0, UPDATED: 0, UNCHANGED: 0 };
  for (const r of plan.rows) count[await importNode(deps, tenantId, r, who, now)]++;
  if (count.CREATED + count.UPDATED) deps.published();
  return { imported: plan.rows.length, created: count.CREATED, updated: count.UPDATED, unchanged: count.UNCHANGED, errors: [] };
}

/**
 * The export's text: given inline (`content`), or the tenant's uploaded file (`attachmentId`, POST
 * /attachments kind NETWORK_IMPORT, kept here). Exactly one of the two. An id that is not the tenant's
 * file reads NOT_FOUND; an uploaded file is CSV (the format must say so) — an XLSX is refused with
 * what to do, nothing is read from it.
 */
async function importContent(deps: Deps, tenantId: string, input: ImportInput): Promise<string> {
  const inline = input.content ?? null;
  const id = input.attachmentId ?? null;
  if ((inline === null) === (id === null)) throw badInput('give either content or attachmentId (one of the two)', inline === null ? 'content' : 'attachmentId');
  if (inline !== null) return inline;
  const file = await deps.networkFiles.get(tenantId, id!);
  if (file.kind !== 'NETWORK_IMPORT') throw notFound('File', id!);
  if (file.contentType !== 'text/csv') throw badInput(`the file is ${file.contentType}: export the layer as CSV and upload that`, 'attachmentId');
  if (input.format !== 'CSV') throw badInput('an uploaded file is CSV: set format CSV', 'format');
  if (file.size > MAX_CONTENT) throw badInput(`the file must be at most ${MAX_CONTENT} bytes`, 'attachmentId');
  return (await deps.networkFiles.read(tenantId, id!)).toString('utf8');
}
