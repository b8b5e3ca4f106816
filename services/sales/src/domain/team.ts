import { forbidden } from '@vinculo/common';

/**
 * Who may act on whose work beyond the role table (DOMAIN.md §1 and "Portfolio"): the executive works
 * the projects they drafted and their portfolio's customers; the team lead approves (Vo.Bo.) the projects
 * of their own team; a lead reads their own team's report. Breaches are FORBIDDEN.
 */

/** True when the actor holds the act only as ACCOUNT_EXECUTIVE (no other role the act allows: lead, clerk…). */
export const actsOnlyAsExecutive = (actor: { roles: readonly string[] }, allowedRoles: readonly string[]): boolean =>
  !actor.roles.some((r) => r !== 'ACCOUNT_EXECUTIVE' && allowedRoles.includes(r));

/**
 * Such an actor acts only on work they own: a project they drafted, an order they sold, a customer in
 * their portfolio. `owners` are the executives known to own the work; work nobody is known to own (a
 * prospect outside any portfolio, a digital sale's order) is open to any executive.
 */
export function checkExecutiveOwns(actor: { userId: string; roles: readonly string[] }, allowedRoles: readonly string[], owners: readonly (string | null | undefined)[]): void {
  const known = owners.filter((o): o is string => !!o);
  if (actsOnlyAsExecutive(actor, allowedRoles) && known.length && !known.includes(actor.userId)) {
    throw forbidden('An account executive acts only on their own sale projects and orders and their portfolio customers');
  }
}

/**
 * R-SAL-1 Vo.Bo. by the right person: when sales knows the executive's team lead (customers.Employee*
 * events), only that lead approves; when no lead is known, any SALES_TEAM_LEAD may.
 */
export function checkApprovingLead(approverId: string, leadOfExecutive: string | null): void {
  if (leadOfExecutive && leadOfExecutive !== approverId) {
    throw forbidden(`Only the executive's team lead (${leadOfExecutive}) approves this sale project`);
  }
}

/** A SALES_TEAM_LEAD reads only their own team's report; the director and the admin read any. */
export function checkReadsOwnTeam(actor: { userId: string; roles: readonly string[] }, leadId: string): void {
  const overseer = actor.roles.some((r) => r === 'COMMERCIAL_DIRECTOR' || r === 'ADMIN');
  if (!overseer && actor.userId !== leadId) throw forbidden('A team lead reads only their own team report');
}

/**
 * The executives of a lead's month report: the lead's team as customers knows it (members), plus those
 * the lead planned or set targets for this month (planned) — unless customers says they are in another
 * lead's team now.
 */
export function teamOfLead(leadId: string, members: readonly string[], planned: readonly string[], leadOfPlanned: ReadonlyMap<string, string | null>): string[] {
  const fromPlans = planned.filter((e) => {
    const lead = leadOfPlanned.get(e);
    return lead == null || lead === leadId;
  });
  return [...new Set([...members, ...fromPlans])].sort();
}
