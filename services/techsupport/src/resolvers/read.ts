import { authorize, loader, type RequestContext } from '@vinculo/common';
import { settingsFor, type SettingsDoc } from '../store/settings.model';
import type { ResolverDeps } from './deps';
import { loadTicket } from './Query/tickets';
import { policy, type TechsupportAction } from '../policy';

/** The tenant's settings and currency, read once per request. */
export const settingsOnce = (deps: ResolverDeps, ctx: RequestContext) =>
  loader<string, SettingsDoc>(ctx, 'settings', async (ids) => Promise.all(ids.map((t) => settingsFor(deps.settings, t)))).load(ctx.principal.tenantId);
export const currencyOnce = (deps: ResolverDeps, ctx: RequestContext) =>
  loader<string, string>(ctx, 'currency', async (ids) => Promise.all(ids.map(async (t) => (await deps.tenantPolicy.policyFor(t)).currency))).load(
    ctx.principal.tenantId,
  );

/** An entity reference, or null. */
export const ref = (id: string | null | undefined) => (id ? { id } : null);

/*
 * Every way into a record checks the reader's role as its own query does: entity references, and
 * fields reaching another kind of record (a partner reading work orders does not read the damage
 * tickets they repair; Customer.damageTickets is read by the roles that read tickets).
 */

/** `read()` once the caller's role may `action` (FORBIDDEN otherwise). */
export function readAs<T>(ctx: RequestContext, action: TechsupportAction, read: () => T): T {
  authorize(policy, action, ctx.principal);
  return read();
}

/** A ticket reached from another record: read by the roles that read tickets. */
export const ticketFor = (deps: ResolverDeps, ctx: RequestContext, id: string) => readAs(ctx, 'readTickets', () => loadTicket(deps, ctx, id));
