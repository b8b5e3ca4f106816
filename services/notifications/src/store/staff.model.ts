import { Schema, type Connection, type Model } from 'mongoose';
import type { EventEnvelope, EventHandler } from '@vinculo/common';
import type { StaffMember } from '../domain/recipients';

/** The staff directory (collection `staff_directory`, `_id` = `<tenant>:<employee>`) from customers.Employee* snapshots: roles, team lead, e-mail. */
export interface StaffDoc extends StaffMember {
  _id: string;
  tenantId: string;
  asOf: string;
}

const schema = new Schema<StaffDoc>(
  { _id: String, tenantId: String, employeeId: String, name: String, email: String, roles: [String], teamLeadId: { type: String, default: null }, active: Boolean, asOf: String },
  { collection: 'staff_directory', versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, employeeId: 1 });

export type StaffModel = Model<StaffDoc>;

export function staffDirectory(conn: Connection) {
  const model: StaffModel = conn.model<StaffDoc>('StaffDirectory', schema);
  const snapshot: EventHandler = async (e: EventEnvelope<StaffMember>) => {
    const d = e.data;
    // Events of one employee arrive in order (key = employee id); `asOf` keeps a redelivered older one out.
    await model
      .updateOne(
        { _id: `${e.tenantId}:${d.employeeId}`, $or: [{ asOf: { $lte: e.time } }, { asOf: { $exists: false } }] },
        { $set: { tenantId: e.tenantId, employeeId: d.employeeId, name: d.name, email: d.email, roles: d.roles, teamLeadId: d.teamLeadId ?? null, active: d.active, asOf: e.time } },
        { upsert: true },
      )
      .catch((err: unknown) => {
        // A newer snapshot is stored: the upsert's insert collides on _id and changes nothing.
        if ((err as { code?: number }).code !== 11000) throw err;
      });
  };
  return {
    model,
    handlers: {
      'customers.EmployeeRegistered': snapshot,
      'customers.EmployeeRolesChanged': snapshot,
      'customers.EmployeeTeamLeadAssigned': snapshot,
      'customers.EmployeeDeactivated': snapshot,
    } as Record<string, EventHandler>,
    /** The tenant's whole staff (small: tens to hundreds of people). */
    of: (tenantId: string) => model.find({ tenantId }).lean<StaffDoc[]>(),
  };
}
export type StaffDirectory = ReturnType<typeof staffDirectory>;
