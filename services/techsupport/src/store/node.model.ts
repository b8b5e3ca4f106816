import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type EventEnvelope, type Technology } from '@vinculo/common';
import type { NodeKind } from '../domain/network';

/** A network node of the inventory (collection `network_nodes`); `version` is the CoverageChanged nodeVersion. */
export interface NetworkNodeDoc {
  _id: string;
  tenantId: string;
  code: string;
  kind: NodeKind;
  district: string | null;
  technology: Technology;
  location: { latitude: number; longitude: number };
  coverageRadiusM: number;
  portsTotal: number;
  /** Ports in service (consumed). */
  portsInService: number;
  /** Work orders holding a reserved port. */
  reservations: string[];
  maxSpeedMbps: number;
  active: boolean;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<NetworkNodeDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    code: { type: String, required: true },
    kind: { type: String, required: true },
    district: { type: String, default: null },
    technology: { type: String, required: true },
    location: { latitude: Number, longitude: Number },
    coverageRadiusM: Number,
    portsTotal: Number,
    portsInService: Number,
    reservations: { type: [String], default: [] },
    maxSpeedMbps: Number,
    active: Boolean,
    updatedAt: Date,
  },
  { collection: 'network_nodes', versionKey: false },
);
schema.plugin(outboxPlugin);
schema.index({ tenantId: 1, code: 1 }, { unique: true });
schema.index({ tenantId: 1, 'location.latitude': 1, 'location.longitude': 1 });
// The inventory list's filters, each in code order.
schema.index({ tenantId: 1, technology: 1, code: 1, _id: 1 });
schema.index({ tenantId: 1, district: 1, code: 1 });

export type NetworkNodeModel = Model<NetworkNodeDoc>;
export const networkNodeModel = (conn: Connection): NetworkNodeModel => conn.model<NetworkNodeDoc>('NetworkNode', schema);

/** The tenant's nodes with these codes (an import keeps their reserved ports). */
export const nodesByCode = (model: NetworkNodeModel, tenantId: string, codes: string[]) =>
  model
    .find({ tenantId, code: { $in: codes } })
    .lean<NetworkNodeDoc[]>()
    .exec();
