import { authorize, badInput } from '@vinculo/common';
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
    if (input.content.length > MAX_CONTENT) throw badInput(`the file must be at most ${MAX_CONTENT} characters`, 'content');
    const parsed = input.format === 'CSV' ? parseCsv(input.content) : parseGeoJson(input.content);
    const tenantId = principal.tenantId;
    const existing = await deps.nodes.find({ tenantId, code: { $in: parsed.rows.map((r) => r.code) } }).lean<NetworkNodeDoc[]>();
    const plan = planImport(parsed, new Map(existing.map((n) => [n.code, { portsReserved: n.reservations.length }])));
    if (plan.errors.length) return { imported: 0, created: 0, updated: 0, unchanged: 0, errors: plan.errors };
    const now = new Date();
    const count = { CREATED: 0, UPDATED: 0, UNCHANGED: 0 };
    for (const r of plan.rows) count[await importNode(deps, tenantId, r, principal, now)]++;
    if (count.CREATED + count.UPDATED) deps.published();
    return { imported: plan.rows.length, created: count.CREATED, updated: count.UPDATED, unchanged: count.UNCHANGED, errors: [] };
  };
