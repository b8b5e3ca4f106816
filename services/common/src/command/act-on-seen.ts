import { loadAtVersion } from '../mongo/by-id';
import type { WithOutbox } from '../mongo/outbox';
import { runCommand, type Command, type CommandResult, type Decision } from './pipeline';

type Aggregate = WithOutbox & { _id: string; tenantId: string };

/**
 * A person's act whose decision needs reads that depend on the aggregate (its owner, its lines priced
 * from the catalog, its customer's files…), which the pure decide of runCommand cannot do: the aggregate
 * is read at the version the person saw (unknown → NOT_FOUND, moved on → CONFLICT), `prepare` does those
 * reads and may refuse, then runCommand decides on that same version (moved on meanwhile → CONFLICT).
 */
export async function actOnSeen<T extends Aggregate, P>(
  cmd: Omit<Command<T>, 'decide' | 'concurrency'> & {
    expectedVersion: number;
    prepare: (seen: T) => Promise<P>;
    decide: (current: T, prepared: P) => Decision<T> | null;
  },
): Promise<CommandResult<T>> {
  const seen = await loadAtVersion(cmd.model, cmd.what, cmd.tenantId, cmd.id, cmd.expectedVersion);
  const prepared = await cmd.prepare(seen);
  return runCommand<T>({
    model: cmd.model,
    what: cmd.what,
    tenantId: cmd.tenantId,
    id: cmd.id,
    published: cmd.published,
    concurrency: { expectedVersion: cmd.expectedVersion },
    decide: (current) => cmd.decide(current, prepared),
  });
}
