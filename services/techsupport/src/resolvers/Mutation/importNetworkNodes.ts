import { authorize, badInput, notFound } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { parseCsv, parseGeoJson, planImport } from '../../domain/network';
import type { NetworkNodeDoc } from '../../store/node.model';
import { importNode } from '../../application/network';

const MAX_CONTENT = 5_000_000;

/**
 * Bulk import of the tenant's QGIS export. Every row is validated first; any error → the errors per
 * row and nothing written. Otherwise each node is written on its own (created, updated with its
 * reserved ports kept, or left alone when unchanged), each with its CoverageChanged snapshot in the
 * same write. A crash part-way leaves the nodes written so far: re-running the same file finishes it.
 */
export const importNetworkNodes =
  (deps: ResolverDeps): MutationResolvers['importNetworkNodes'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'importNetworkNodes', principal);
    const tenantId = principal.tenantId;
    const content = await importContent(deps, tenantId, input);
    if (content.length > MAX_CONTENT) throw badInput(`the file must be at most ${MAX_CONTENT} characters`, 'content');
    const parsed = input.format === 'CSV' ? parseCsv(content) : parseGeoJson(content);
    const existing = await deps.nodes.find({ tenantId, code: { $in: parsed.rows.map((r) => r.code) } }).lean<NetworkNodeDoc[]>();
    const plan = planImport(parsed, new Map(existing.map((n) => [n.code, { portsReserved: n.reservations.length }])));
    if (plan.errors.length) return { imported: 0, created: 0, updated: 0, unchanged: 0, errors: plan.errors };
    const now = new Date();
    const count = { CREATED: 0, UPDATED: 0, UNCHANGED: 0 };
    for (const r of plan.rows) count[await importNode(deps, tenantId, r, principal, now)]++;
    if (count.CREATED + count.UPDATED) deps.published();
    return { imported: plan.rows.length, created: count.CREATED, updated: count.UPDATED, unchanged: count.UNCHANGED, errors: [] };
  };

/**
 * The export's text: given inline (`content`), or the tenant's uploaded file (`attachmentId`, POST
 * /attachments kind NETWORK_IMPORT, kept here). Exactly one of the two. An id that is not the tenant's
 * file reads NOT_FOUND; an uploaded file is CSV (the format must say so) — an XLSX is refused with
 * what to do, nothing is read from it.
 */
async function importContent(deps: ResolverDeps, tenantId: string, input: { format: string; content?: string | null; attachmentId?: string | null }): Promise<string> {
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
