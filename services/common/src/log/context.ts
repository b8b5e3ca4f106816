import { AsyncLocalStorage } from 'node:async_hooks';

/** What travels with one unit of work (a request or a consumed event) for logs and envelopes. */
export interface WorkContext {
  correlationId: string;
  causationId?: string;
  /** What started the work: a GraphQL request or a consumed event. */
  origin?: 'request' | 'event';
}

const storage = new AsyncLocalStorage<WorkContext>();

/** Run `fn` with `ctx` as the current work context. */
export function runWithContext<T>(ctx: WorkContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** Run `fn` outside any work context (background work started from a request must not inherit it). */
export function runDetached<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** The current work context, if any. */
export function currentContext(): WorkContext | undefined {
  return storage.getStore();
}
