import { authorize, badInput, DomainError, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { parseCsv, parseGeoJson, planImport } from '../../domain/network';
import type { NetworkNodeDoc } from '../../store/node.model';
import { coverageChanged } from '../../application/network';

const MAX_CONTENT = 5_000_000;

/**
 * Bulk import of the tenant's QGIS export. Every row is validated first; any error → the errors per
 * row and nothing written. Otherwise each node is created (new code) or updated (its reserved ports
 * kept), each with its CoverageChanged snapshot in the same write.
 */
export const importNetworkNodes =
  (deps: ResolverDeps): MutationResolvers['importNetworkNodes'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'importNetworkNodes', principal);
    if (input.content.length > MAX_CONTENT) throw badInput(`the file must be at most ${MAX_CONTENT} characters`, 'content');
    const parsed = input.format === 'CSV' ? parseCsv(input.content) : parseGeoJson(input.content);
    const tenantId = principal.tenantId;
    const existing = await deps.nodes.find({ tenantId, code: { $in: parsed.rows.map((r) => r.code) } }).lean<NetworkNodeDoc[]>();
    const byCode = new Map(existing.map((n) => [n.code, n]));
    const plan = planImport(parsed, new Map(existing.map((n) => [n.code, { portsReserved: n.reservations.length }])));
    if (plan.errors.length) return { imported: 0, created: 0, updated: 0, errors: plan.errors };
    const now = new Date();
    let created = 0;
    let updated = 0;
    for (const r of plan.rows) {
      const prev = byCode.get(r.code);
      const fields = { kind: r.kind, district: r.district, technology: r.technology, location: r.location, coverageRadiusM: r.coverageRadiusM, portsTotal: r.portsTotal, portsInService: r.portsUsed, maxSpeedMbps: r.maxSpeedMbps, active: r.active, updatedAt: now };
      if (prev) {
        // Versioned, so the snapshot's nodeVersion and reserved ports are those of the node it replaces
        // (a reservation landing meanwhile makes this retry from the fresh node).
        let current: NetworkNodeDoc | null = prev;
        for (let attempt = 0; ; attempt++) {
          if (!current || attempt >= 20) throw new DomainError('stale_version', `network node ${r.code} kept changing during the import; retry`);
          const next = { ...current, ...fields };
          const res = await deps.nodes.updateOne({ _id: current._id, tenantId, version: current.version }, { $set: fields, $inc: { version: 1 }, $push: { outbox: coverageChanged(next, current.version + 1, principal) } });
          if (res.modifiedCount === 1) break;
          current = await deps.nodes.findOne({ _id: prev._id, tenantId }).lean<NetworkNodeDoc>();
        }
        updated++;
      } else {
        const doc = { _id: newId('node'), tenantId, code: r.code, reservations: [] as string[], ...fields };
        await deps.nodes.create({ ...doc, version: 1, outbox: [coverageChanged(doc, 1, principal)] });
        created++;
      }
    }
    deps.published();
    return { imported: created + updated, created, updated, errors: [] };
  };
