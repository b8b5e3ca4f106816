import {
  byKeys,
  conflict,
  groupByKeys,
  isDuplicateKey,
  loader,
  notFound,
  paginate,
  type EventEnvelope,
  type PageArgs,
  type Principal,
  type RequestContext,
} from '@vinculo/common';
import type { FilterQuery } from 'mongoose';
import { employeeKey, type EmployeeDoc, type EmployeeModel } from './employee.model';
import { MAX_TEAM_DEPTH, type StaffRole } from '../domain/employee';

export interface EmployeeFilter {
  role?: StaffRole | null;
  active?: boolean | null;
  teamLeadId?: string | null;
  nameContains?: string | null;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads and writes of the staff, always scoped to one tenant. */
export function employeeRepository(model: EmployeeModel, published: () => void) {
  return {
    model,
    /** Wakes the outbox relay after a write that carried events. */
    published,

    /** An employee by id through the request's DataLoader. */
    load(ctx: RequestContext, id: string): Promise<EmployeeDoc | null> {
      const tenantId = ctx.principal.tenantId;
      return loader<string, EmployeeDoc>(ctx, 'employeeById', async (ids) =>
        byKeys(ids, await model.find({ tenantId, employeeId: { $in: [...ids] } }).lean<EmployeeDoc[]>(), (e) => e.employeeId),
      ).load(id);
    },

    /** Active members of each lead's team, by name, batched. */
    team(ctx: RequestContext, leadId: string): Promise<EmployeeDoc[]> {
      const tenantId = ctx.principal.tenantId;
      return loader<string, EmployeeDoc[]>(ctx, 'teamOf', async (leads) =>
        groupByKeys(
          leads,
          await model
            .find({ tenantId, teamLeadId: { $in: [...leads] }, active: true })
            .sort({ nameKey: 1, _id: 1 })
            .lean<EmployeeDoc[]>(),
          (e) => e.teamLeadId ?? '',
        ),
      )
        .load(leadId)
        .then((members) => members ?? []);
    },

    find(tenantId: string, id: string): Promise<EmployeeDoc | null> {
      return model
        .findOne({ _id: employeeKey(tenantId, id), tenantId })
        .lean<EmployeeDoc>()
        .exec();
    },

    async get(tenantId: string, id: string): Promise<EmployeeDoc> {
      const found = await this.find(tenantId, id);
      if (!found) throw notFound('Employee', id);
      return found;
    },

    /** Ids of the team's active members. */
    async memberIds(tenantId: string, leadId: string): Promise<string[]> {
      const rows = await model.find({ tenantId, teamLeadId: leadId, active: true }, { employeeId: 1 }).lean<Pick<EmployeeDoc, 'employeeId'>[]>();
      return rows.map((r) => r.employeeId);
    },

    /** The chain of leads above `startId` (itself first), up to one level past MAX_TEAM_DEPTH. */
    async leadChain(tenantId: string, startId: string): Promise<string[]> {
      const chain: string[] = [];
      let next: string | null = startId;
      while (next && chain.length <= MAX_TEAM_DEPTH && !chain.includes(next)) {
        chain.push(next);
        const found: EmployeeDoc | null = await this.find(tenantId, next);
        next = found?.teamLeadId ?? null;
      }
      return chain;
    },

    page(principal: Principal, filter: EmployeeFilter, args: PageArgs) {
      const query: FilterQuery<EmployeeDoc> = { tenantId: principal.tenantId };
      if (filter.role) query.roles = filter.role;
      if (filter.active != null) query.active = filter.active;
      if (filter.teamLeadId) query.teamLeadId = filter.teamLeadId;
      if (filter.nameContains) query.nameKey = { $regex: escapeRegex(filter.nameContains.trim().toLowerCase()) };
      return paginate<EmployeeDoc>(model, query, args, principal, { field: 'nameKey', descending: false });
    },

    /** Insert a new employee; the same id or e-mail in the tenant is a CONFLICT. */
    async insert(doc: Omit<EmployeeDoc, '_id' | 'createdAt' | 'updatedAt' | 'version' | 'outbox'>, events: EventEnvelope[]): Promise<EmployeeDoc> {
      const taken = await model.findOne({ tenantId: doc.tenantId, $or: [{ employeeId: doc.employeeId }, { email: doc.email }] }).lean<EmployeeDoc>();
      if (taken) {
        const field = taken.employeeId === doc.employeeId ? 'id' : 'email';
        throw conflict(`An employee with this ${field === 'id' ? 'id' : 'e-mail'} already exists`, { field });
      }
      try {
        const created = await model.create({ ...doc, _id: employeeKey(doc.tenantId, doc.employeeId), outbox: events });
        published();
        return created.toObject();
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('An employee with this id or e-mail already exists', { field: 'id' });
        throw err;
      }
    },
  };
}
export type EmployeeRepository = ReturnType<typeof employeeRepository>;
