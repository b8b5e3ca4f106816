import type { FilterQuery, Model } from 'mongoose';
import type { Principal } from '../auth/roles';
import type { Policy } from '../auth/policy';
import { forbidden } from '../errors/codes';
import { paginate, type Connection, type PageArgs } from './pagination';

/**
 * Work queues (issue #15): what waits for a role, the first due first. Every queue item has a due time
 * (`dueAt`, its SLA) that is its stored waiting-since time plus one offset fixed per tenant and queue,
 * so ordering by the stored field (then `_id`) is ordering by `dueAt`, and one index
 * `{tenantId, <status…>, <field>, _id}` serves the cursor connection. Each subgraph declares its
 * queues as `WorkQueueSpec`s; the connection and the caller's overview (`Me.…Queues`) read the same spec.
 */
export interface WorkQueueSpec<T extends { _id: string }> {
  /** The root field that lists the queue (what the overview names). */
  name: string;
  /** The roles that do this work (the policy act of the queue). */
  roles: readonly string[];
  model: Model<T>;
  /** The stored field the queue sorts by; dueAt is this field plus a per-tenant offset. */
  sortField: keyof T & string;
  /** Which documents wait in the queue (tenant and status conditions, no caller filter). */
  base: (tenantId: string) => FilterQuery<T>;
  /** The item's due time, from the stored document and the tenant's policy (see each spec's comment). */
  dueAt: (doc: T, tenantId: string) => Promise<Date | null> | Date | null;
}

/** Whether the caller holds one of the roles of a policy act (without throwing). */
export const mayDo = <A extends string>(policy: Policy<A>, action: A, principal: Principal): boolean => principal.roles.some((r) => policy[action].includes(r));

const allowed = (spec: { roles: readonly string[] }, principal: Principal) => principal.roles.some((r) => spec.roles.includes(r));

/** One page of a queue, first due first; `filter` narrows the spec's base (the caller's filters). */
export function workQueuePage<T extends { _id: string }>(
  spec: WorkQueueSpec<T>,
  principal: Principal,
  filter: FilterQuery<T>,
  args: PageArgs,
): Promise<Connection<T>> {
  if (!allowed(spec, principal)) throw forbidden(`Role ${principal.roles.join('/')} does not work the ${spec.name} queue`);
  return paginate<T>(spec.model, { ...spec.base(principal.tenantId), ...filter }, args, principal, { field: spec.sortField, descending: false });
}

export interface WorkQueueSummary {
  queue: string;
  count: number;
  oldestDueAt: Date | null;
}

/**
 * The caller's overview of a subgraph's queues: each queue their roles work, with its count and the
 * first due item's due time. Only for the caller's own `Me` (another user's reference reads nothing).
 */
export async function workQueueSummaries<D extends readonly { _id: string }[]>(
  // One spec per queue, each typed by its own documents (a subgraph's queues list different models).
  specs: { readonly [K in keyof D]: WorkQueueSpec<D[K]> },
  principal: Principal,
  userId: string,
): Promise<WorkQueueSummary[]> {
  if (userId !== principal.userId) return [];
  const mine = specs.filter((spec) => allowed(spec, principal));
  return Promise.all(mine.map((spec) => workQueueSummary(spec, principal)));
}

/** One queue's count and first due item's due time. */
async function workQueueSummary<T extends { _id: string }>(spec: WorkQueueSpec<T>, principal: Principal): Promise<WorkQueueSummary> {
  const base = spec.base(principal.tenantId);
  const [count, first] = await Promise.all([
    spec.model.countDocuments(base),
    spec.model
      .findOne(base)
      .sort({ [spec.sortField]: 1, _id: 1 })
      .lean<T>(),
  ]);
  return { queue: spec.name, count, oldestDueAt: first ? await spec.dueAt(first, principal.tenantId) : null };
}

/** `at` plus whole hours (an SLA offset). */
export const plusHours = (at: Date, hours: number): Date => new Date(at.getTime() + hours * 3_600_000);

/** The caller's `Me` as another subgraph sees it: the key customers resolves (`@key(fields: "userId")`). */
export interface MeRef {
  userId: string;
}
