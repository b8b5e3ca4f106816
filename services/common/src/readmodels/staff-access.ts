import { Schema, type Connection, type Model } from 'mongoose';
import type { EventHandler, Handlers } from '../events/typed';
import type { TokenVerifier } from '../auth/jwt';
import type { Principal, Role } from '../auth/roles';
import { forbidden, unauthenticated } from '../errors/codes';
import { upsertNewest } from './newest-wins';

/**
 * Who may still act on a token, by `sub`: every subgraph keeps this read model of the staff registry
 * from customers.Employee* (each event carries the employee snapshot after the change; collection
 * `staff_access`). A token is a claim made when it was signed; this is what holds now. The same
 * entries answer who leads whom (sales' Vo.Bo. and team reports) and whom to write to (notifications'
 * recipients): one copy of the staff per subgraph, written by the kit's consumer (service.ts).
 *
 * The rule (applyStaffAccess):
 * - a sub that is a registered employee of the token's tenant: the registry wins. Deactivated →
 *   UNAUTHENTICATED; otherwise the token's roles are narrowed to the roles the employee holds now
 *   (none left → FORBIDDEN). A token never gains roles from the registry.
 * - a sub that is not a registered employee (machine clients — PARTNER and reporting jobs — and the
 *   ADMIN who bootstraps a tenant before any staff exists, tests and the demo): the token's roles as
 *   signed. Staff identities are expected to be registered; an identity provider that issues staff
 *   tokens for unregistered subs is trusted as it is today.
 */
export interface StaffAccessEntry {
  /** `${tenantId}:${employeeId}` */
  _id: string;
  tenantId: string;
  employeeId: string;
  name: string;
  email: string;
  roles: string[];
  /** The employee's team lead (null: none assigned). */
  teamLeadId: string | null;
  active: boolean;
  /** The time of the event that wrote this snapshot (an older redelivery does not overwrite it). */
  asOf: string;
}

const schema = new Schema<StaffAccessEntry>(
  {
    _id: String,
    tenantId: String,
    employeeId: String,
    name: String,
    email: String,
    roles: { type: [String], default: [] },
    teamLeadId: { type: String, default: null },
    active: Boolean,
    asOf: String,
  },
  { collection: 'staff_access', versionKey: false, minimize: false },
);
// A tenant's staff, and a lead's team.
schema.index({ tenantId: 1, teamLeadId: 1 });

/** The events that carry the employee snapshot (schemas/events/customers.Employee*.v1). */
export const STAFF_EVENT_TYPES = [
  'customers.EmployeeRegistered',
  'customers.EmployeeRolesChanged',
  'customers.EmployeeTeamLeadAssigned',
  'customers.EmployeeDeactivated',
] as const;
type StaffEventType = (typeof STAFF_EVENT_TYPES)[number];

/** The principal a token yields now, given the staff registry's entry for its sub (null: not an employee). */
export function applyStaffAccess(principal: Principal, entry: Pick<StaffAccessEntry, 'roles' | 'active'> | null): Principal {
  if (!entry) return principal;
  if (!entry.active) throw unauthenticated('This employee is deactivated');
  const roles = principal.roles.filter((r) => entry.roles.includes(r));
  if (roles.length === 0) throw forbidden('The roles in this token are no longer held by this employee');
  return roles.length === principal.roles.length ? principal : { ...principal, roles: roles as Role[] };
}

export interface StaffAccessOptions {
  /** How long one sub's entry is cached in this process (≤ 60 s; 0 reads the store every time). */
  cacheMs?: number;
  /** Entries kept in the cache at most (the cache is cleared when full). */
  maxEntries?: number;
}

export function staffAccessReadModel(conn: Connection, options: StaffAccessOptions = {}) {
  const model: Model<StaffAccessEntry> =
    (conn.models.StaffAccess as Model<StaffAccessEntry> | undefined) ?? conn.model<StaffAccessEntry>('StaffAccess', schema);
  const cacheMs = Math.min(options.cacheMs ?? 15_000, 60_000);
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { entry: StaffAccessEntry | null; at: number }>();

  const snapshot: EventHandler<StaffEventType> = async (e) => {
    const d = e.data;
    const _id = `${e.tenantId}:${d.employeeId}`;
    // Newest snapshot wins by event time: each act on an employee is one event (key = employee id).
    await upsertNewest(model, {
      key: { _id },
      field: 'asOf',
      version: e.time,
      set: { tenantId: e.tenantId, employeeId: d.employeeId, name: d.name, email: d.email, roles: d.roles, teamLeadId: d.teamLeadId, active: d.active },
    });
    cache.delete(_id);
  };

  async function entryOf(tenantId: string, userId: string): Promise<StaffAccessEntry | null> {
    const _id = `${tenantId}:${userId}`;
    const now = Date.now();
    const cached = cache.get(_id);
    if (cached && now - cached.at < cacheMs) return cached.entry;
    const entry = await model.findById(_id).lean<StaffAccessEntry>();
    if (cacheMs > 0) {
      if (cache.size >= maxEntries) cache.clear();
      cache.set(_id, { entry, at: now });
    }
    return entry;
  }

  return {
    model,
    handlers: Object.fromEntries(STAFF_EVENT_TYPES.map((t) => [t, snapshot])) as Handlers,
    entryOf,
    /** The employee's team lead, or null when none is known (not registered, or no lead assigned). */
    async leadOf(tenantId: string, employeeId: string): Promise<string | null> {
      return (await model.findById(`${tenantId}:${employeeId}`, { teamLeadId: 1 }).lean<StaffAccessEntry>())?.teamLeadId ?? null;
    },
    /** The employee as customers registered it (roles, active), or null when this subgraph has not heard of it. */
    async employee(tenantId: string, employeeId: string): Promise<{ roles: string[]; active: boolean } | null> {
      const e = await model.findById(`${tenantId}:${employeeId}`, { roles: 1, active: 1 }).lean<StaffAccessEntry>();
      return e ? { roles: e.roles ?? [], active: e.active !== false } : null;
    },
    /** The lead's active team members, and the lead of each of `others` that is known here. */
    async team(tenantId: string, leadId: string, others: readonly string[]): Promise<{ members: string[]; leadOfOthers: Map<string, string | null> }> {
      const [members, known] = await Promise.all([
        model.find({ tenantId, teamLeadId: leadId, active: true }, { employeeId: 1 }).lean<StaffAccessEntry[]>(),
        model.find({ _id: { $in: others.map((o) => `${tenantId}:${o}`) } }, { employeeId: 1, teamLeadId: 1 }).lean<StaffAccessEntry[]>(),
      ]);
      return { members: members.map((m) => m.employeeId), leadOfOthers: new Map(known.map((k) => [k.employeeId, k.teamLeadId])) };
    },
    /** The tenant's whole staff (small: tens to hundreds of people). */
    of: (tenantId: string) => model.find({ tenantId }).lean<StaffAccessEntry[]>(),
    /** Wrap a token verifier: the principal it yields, checked against the staff registry. */
    guard(verify: TokenVerifier): TokenVerifier {
      return async (authorization) => {
        const principal = await verify(authorization);
        return applyStaffAccess(principal, await entryOf(principal.tenantId, principal.userId));
      };
    },
  };
}
export type StaffAccessReadModel = ReturnType<typeof staffAccessReadModel>;
