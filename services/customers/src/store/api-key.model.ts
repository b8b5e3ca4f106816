import { Schema, type Connection, type Model } from 'mongoose';
import type { MachineRole, Scope } from '@vinculo/common';

/** A machine client's API key (collection `api_keys`, `_id` = the key id embedded in the key). */
export interface ApiKeyDoc {
  _id: string;
  tenantId: string;
  partner: string;
  role: MachineRole;
  scopes: Scope[];
  rateLimitPerMinute: number;
  /** SHA-256 (hex) of the secret part; the secret itself is never stored. */
  secretHash: string;
  createdBy: string;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const apiKeySchema = new Schema<ApiKeyDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    partner: { type: String, required: true },
    role: { type: String, required: true },
    scopes: { type: [String], required: true },
    rateLimitPerMinute: { type: Number, required: true },
    secretHash: { type: String, required: true },
    createdBy: { type: String, required: true },
    rotatedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: String, default: null },
  },
  { collection: 'api_keys', timestamps: true, versionKey: false, minimize: false },
);
apiKeySchema.index({ tenantId: 1, createdAt: 1, _id: 1 });

export type ApiKeyModel = Model<ApiKeyDoc>;
export const apiKeyModel = (conn: Connection): ApiKeyModel => conn.model<ApiKeyDoc>('ApiKey', apiKeySchema);
