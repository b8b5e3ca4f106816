import type { FilterQuery, Model, Schema } from 'mongoose';
import { badInput } from '../errors/codes';
import { authorize, type Policy } from '../auth/policy';
import type { Principal, Role } from '../auth/roles';
import { paginate, type Connection, type PageArgs } from '../graphql/pagination';

/**
 * Incremental extraction for reporting jobs (issue #15): every root `…Changes` list reads its entities in
 * the order `(updatedAt, _id)` ascending, optionally inside `[updatedSince, updatedBefore)`. The cursor of
 * an edge is that pair, so a job that stops resumes with `after` = the last cursor it stored, and a second
 * run from the first run's last cursor gets only what changed since (an entity written again moves to the
 * end: its updatedAt grew). One implementation for the six subgraphs.
 */

/** Who reads the extraction lists: the reporting machine role and administrators. */
export const REPORTING_READERS: readonly Role[] = ['REPORTING', 'ADMIN'];

export interface ChangeWindow extends PageArgs {
  updatedSince?: Date | string | null;
  updatedBefore?: Date | string | null;
}

const asDate = (v: Date | string, field: string): Date => {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) throw badInput(`${field} is not a date-time`, field);
  return d;
};

/** The store filter of a window (tenant always; the updatedAt range when given). */
export function changeFilter<T>(principal: Pick<Principal, 'tenantId'>, window: ChangeWindow, extra: FilterQuery<T> = {}): FilterQuery<T> {
  const since = window.updatedSince ? asDate(window.updatedSince, 'updatedSince') : null;
  const before = window.updatedBefore ? asDate(window.updatedBefore, 'updatedBefore') : null;
  if (since && before && since >= before) throw badInput('updatedSince must be before updatedBefore', 'updatedSince');
  const filter: Record<string, unknown> = { tenantId: principal.tenantId, ...extra };
  if (since || before) filter.updatedAt = { ...(since ? { $gte: since } : {}), ...(before ? { $lt: before } : {}) };
  else filter.updatedAt = { $ne: null }; // written before updatedAt was kept: not extractable incrementally
  return filter as FilterQuery<T>;
}

/** One page of the entities of `model` changed in the window, in (updatedAt, id) order. */
export function changesPage<T extends { _id: string; updatedAt?: Date }>(
  model: Model<T>,
  principal: Principal,
  window: ChangeWindow,
  extra: FilterQuery<T> = {},
): Promise<Connection<T>> {
  return paginate<T>(model, changeFilter(principal, window, extra), window, principal, { field: 'updatedAt' as keyof T & string, descending: false });
}

/**
 * Makes a schema keep `updatedAt` on every write through mongoose (create, save, updateOne, replaceOne,
 * findOneAndUpdate, bulkWrite) and adds the extraction index `{ tenantId, updatedAt, _id }`.
 */
export function trackChanges(schema: Schema): void {
  // A schema that already keeps both timestamps keeps them; the others gain updatedAt only (several
  // set their own business createdAt, which mongoose must not overwrite).
  if (!schema.get('timestamps')) schema.set('timestamps', { createdAt: false, updatedAt: 'updatedAt' });
  schema.index({ tenantId: 1, updatedAt: 1, _id: 1 });
}

/**
 * A reporting `…Changes` root field over one model: the subgraph policy's `readChanges` act, then one
 * page of the model's changes. Every subgraph's extraction lists are built from this.
 */
export function changesField<T extends { _id: string; updatedAt?: Date }>(policy: Policy<'readChanges'>, model: Model<T>) {
  return (_parent: unknown, args: ChangeWindow, ctx: { principal: Principal }): Promise<never> => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(model, ctx.principal, args) as Promise<never>;
  };
}
