import { Schema, type Connection, type Model } from 'mongoose';
import type { Slot } from '../domain/visit';

/**
 * One executive's bookings for one calendar day (collection `visit_agendas`, `_id` =
 * `<tenant>:<executive>:<day>`). Every booking of that day goes through this one document under
 * optimistic versioning, so two overlapping bookings can never both succeed, without transactions.
 */
export interface VisitAgendaDoc {
  _id: string;
  tenantId: string;
  executiveId: string;
  day: string;
  slots: Slot[];
  version: number;
}

const slotSchema = new Schema<Slot>({ visitId: String, startsAt: Date, endsAt: Date, reservedAt: Date }, { _id: false });

const agendaSchema = new Schema<VisitAgendaDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    executiveId: { type: String, required: true },
    day: { type: String, required: true },
    slots: { type: [slotSchema], default: [] },
    version: { type: Number, required: true },
  },
  { collection: 'visit_agendas', versionKey: false },
);

export type VisitAgendaModel = Model<VisitAgendaDoc>;
export const visitAgendaModel = (conn: Connection): VisitAgendaModel => conn.model<VisitAgendaDoc>('VisitAgenda', agendaSchema);

export const agendaKey = (tenantId: string, executiveId: string, day: string): string => `${tenantId}:${executiveId}:${day}`;
