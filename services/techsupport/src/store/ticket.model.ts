import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc, trackChanges } from '@vinculo/common';
import type { DamagedService, RemoteDiagnosis, TicketStatus } from '../domain/ticket';
import type { Priority } from '../domain/work-order';
import type { QualityCallOutcome } from '../domain/quality-call';

export type TicketSource = 'CHANNEL' | 'LOYALTY_CALL' | 'PREVENTIVE_REVIEW' | 'QUALITY_CALL';

/** A damage ticket (collection `damage_tickets`). */
export interface DamageTicketDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  installedProductId: string | null;
  service: DamagedService;
  cause: string;
  address: string;
  referencePhone: string | null;
  priority: Priority;
  status: TicketStatus;
  source: TicketSource;
  reiteratedFrom: string | null;
  followUps: { at: Date; by: string; note: string; key: string }[];
  diagnosis: RemoteDiagnosis | null;
  workOrderId: string | null;
  /** §3 E.12 the quality-control call after the repair (absent on tickets stored before it existed). */
  qualityCall?: QualityCallOutcome | null;
  /** NOT_OK: the damage ticket the call raised. */
  qualityTicketId?: string | null;
  /** Who works the ticket now (assignDamageTicket, issue #15); absent/null until the coordinator assigns it. */
  assigneeId?: string | null;
  openKey: string;
  createdAt: Date;
  closedAt: Date | null;
  history: StatusChangeDoc[];
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<DamageTicketDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    installedProductId: { type: String, default: null },
    service: String,
    cause: String,
    address: String,
    referencePhone: String,
    priority: String,
    status: String,
    source: String,
    reiteratedFrom: { type: String, default: null },
    followUps: { type: [new Schema({ at: Date, by: String, note: String, key: String }, { _id: false })], default: [] },
    diagnosis: { type: Schema.Types.Mixed, default: null },
    workOrderId: { type: String, default: null },
    qualityCall: { type: String, default: null },
    qualityTicketId: { type: String, default: null },
    assigneeId: { type: String, default: null },
    openKey: String,
    createdAt: Date,
    closedAt: { type: Date, default: null },
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'damage_tickets', versionKey: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(schema);
schema.plugin(outboxPlugin);
schema.index({ tenantId: 1, customerId: 1, createdAt: -1, _id: -1 });
// damageTicketQueue: by status (and assignee), first registered (first due) first.
schema.index({ tenantId: 1, status: 1, createdAt: 1, _id: 1 });
schema.index({ tenantId: 1, assigneeId: 1, status: 1, createdAt: 1, _id: 1 });
schema.index({ tenantId: 1, installedProductId: 1, createdAt: -1, _id: -1 });
// R-TS-E1 looks up the customer product's latest ticket.
schema.index({ tenantId: 1, customerId: 1, installedProductId: 1, createdAt: -1, _id: -1 });
// R-TS-E1: at most one open ticket per customer product: an open ticket holds `openKey` = customer|product,
// a closed one `closed:<id>` (a plain unique index, no partial-index support needed).
schema.index({ tenantId: 1, openKey: 1 }, { unique: true });

/** The key an open ticket of a customer product holds. */
export const openKeyOf = (customerId: string, installedProductId: string | null) => `${customerId}|${installedProductId ?? '-'}`;
export const closedKeyOf = (ticketId: string) => `closed:${ticketId}`;

export type DamageTicketModel = Model<DamageTicketDoc>;
export const damageTicketModel = (conn: Connection): DamageTicketModel => conn.model<DamageTicketDoc>('DamageTicket', schema);
