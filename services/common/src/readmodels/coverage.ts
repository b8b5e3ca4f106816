import { Schema, type Connection, type Model } from 'mongoose';
import type { EventHandler } from '../events/typed';
import { upsertNewest } from './newest-wins';
import { assessFeasibility, boundingBox, type CoverageNode, type Feasibility, type FeasibilityQuery } from '../domain/coverage';

/** The largest coverage radius a node may declare (techsupport.CoverageChanged contract maximum). */
export const MAX_COVERAGE_RADIUS_M = 50_000;

/** One network node as another subgraph knows it, from techsupport.CoverageChanged (collection `coverage_nodes`). */
export interface CoverageNodeEntry extends CoverageNode {
  _id: string;
  tenantId: string;
  nodeVersion: number;
  kind: string;
  district: string | null;
}

const point = { latitude: Number, longitude: Number };
const schema = new Schema<CoverageNodeEntry>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    nodeId: String,
    nodeVersion: Number,
    kind: String,
    code: String,
    district: { type: String, default: null },
    technology: String,
    location: point,
    coverageRadiusM: Number,
    portsTotal: Number,
    portsUsed: Number,
    maxSpeedMbps: Number,
    active: Boolean,
  },
  { collection: 'coverage_nodes', versionKey: false },
);
schema.index({ tenantId: 1, technology: 1, 'location.latitude': 1 });

/**
 * The coverage read model of sales and postsale: network nodes from techsupport.CoverageChanged,
 * newest nodeVersion wins (an older or repeated snapshot changes nothing). `assess` answers
 * feasibility locally with the same function techsupport uses.
 */
export function coverageReadModel(conn: Connection) {
  const model: Model<CoverageNodeEntry> =
    (conn.models.CoverageNode as Model<CoverageNodeEntry> | undefined) ?? conn.model<CoverageNodeEntry>('CoverageNode', schema);

  const changed: EventHandler<'techsupport.CoverageChanged'> = async (e) => {
    const { nodeId, nodeVersion } = e.data;
    await upsertNewest(model, {
      key: { _id: nodeId, tenantId: e.tenantId },
      field: 'nodeVersion',
      version: nodeVersion,
      set: { ...e.data, district: e.data.district ?? null },
    });
  };

  return {
    model,
    handlers: { 'techsupport.CoverageChanged': changed },
    /** Feasibility at a location from the nodes known here (coarse box query, then the exact rule). */
    async assess(tenantId: string, q: FeasibilityQuery): Promise<Feasibility> {
      const box = boundingBox(q.location, MAX_COVERAGE_RADIUS_M);
      const nodes = await model
        .find({
          tenantId,
          'location.latitude': { $gte: box.minLat, $lte: box.maxLat },
          'location.longitude': { $gte: box.minLng, $lte: box.maxLng },
        })
        .lean<CoverageNodeEntry[]>();
      return assessFeasibility(nodes, q);
    },
  };
}
export type CoverageReadModel = ReturnType<typeof coverageReadModel>;
