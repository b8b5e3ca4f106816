import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type EventEnvelope } from '@vinculo/common';
import type { StaffRole } from '../domain/employee';

export type EmployeeAct = 'REGISTERED' | 'ROLES_CHANGED' | 'TEAM_LEAD_ASSIGNED' | 'DEACTIVATED';

/** One entry of an employee's history. */
export interface EmployeeChangeDoc {
  act: EmployeeAct;
  from: string | null;
  to: string | null;
  by: string;
  at: Date;
  note: string | null;
}

/**
 * A staff member (collection `employees`). The employee id is the person's user id (their token's
 * `sub`), unique in a tenant: the document `_id` is `<tenantId>:<employeeId>` so two tenants may
 * both have an `ana`.
 */
export interface EmployeeDoc {
  _id: string;
  tenantId: string;
  employeeId: string;
  name: string;
  nameKey: string;
  email: string;
  roles: StaffRole[];
  teamLeadId: string | null;
  active: boolean;
  history: EmployeeChangeDoc[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const changeSchema = new Schema<EmployeeChangeDoc>(
  { act: String, from: { type: String, default: null }, to: { type: String, default: null }, by: String, at: Date, note: { type: String, default: null } },
  { _id: false },
);

const employeeSchema = new Schema<EmployeeDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    employeeId: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    email: { type: String, required: true },
    roles: { type: [String], required: true },
    teamLeadId: { type: String, default: null },
    active: { type: Boolean, required: true },
    history: { type: [changeSchema], default: [] },
  },
  { collection: 'employees', timestamps: true, versionKey: false },
);
employeeSchema.plugin(outboxPlugin);
// One person per e-mail in a tenant: a second registration with it is a CONFLICT.
employeeSchema.index({ tenantId: 1, email: 1 }, { unique: true });
employeeSchema.index({ tenantId: 1, employeeId: 1 }, { unique: true });
employeeSchema.index({ tenantId: 1, nameKey: 1, _id: 1 });
employeeSchema.index({ tenantId: 1, teamLeadId: 1 });

export type EmployeeModel = Model<EmployeeDoc>;
export const employeeModel = (conn: Connection): EmployeeModel => conn.model<EmployeeDoc>('Employee', employeeSchema);

/** The document id of an employee of a tenant. */
export const employeeKey = (tenantId: string, employeeId: string): string => `${tenantId}:${employeeId}`;
