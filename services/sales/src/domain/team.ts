import { DomainError, forbidden } from '@vinculo/common';

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
 * prospect outside any portfolio) is open to any executive.
 */
export function checkExecutiveOwns(
  actor: { userId: string; roles: readonly string[] },
  allowedRoles: readonly string[],
  owners: readonly (string | null | undefined)[],
): void {
  const known = owners.filter((o): o is string => !!o);
  if (actsOnlyAsExecutive(actor, allowedRoles) && known.length && !known.includes(actor.userId)) {
    throw forbidden('An account executive acts only on their own sale projects and orders and their portfolio customers');
  }
}

/** An employee as sales knows it from customers.Employee* events; null when customers never registered it. */
export interface KnownEmployee {
  roles: readonly string[];
  active: boolean;
}

/**
 * R-SAL-QC1 (A8): the quality-control call that completes an order is the executive's who sold it or
 * who holds the customer in portfolio. When neither is known (a direct order for a customer outside
 * any portfolio) it is an executive's all the same: a registered, active employee of the tenant with
 * the ACCOUNT_EXECUTIVE role in customers — a token naming nobody customers knows is refused.
 */
export function checkQualityCaller(actor: { userId: string }, owners: readonly (string | null | undefined)[], employee: KnownEmployee | null): void {
  const known = owners.filter((o): o is string => !!o);
  if (known.length) {
    if (!known.includes(actor.userId)) {
      throw new DomainError('forbidden', 'The quality-control call is made by the executive who sold the order or who holds the customer in portfolio', {
        rule: 'R-SAL-QC1',
      });
    }
    return;
  }
  if (!employee || !employee.active || !employee.roles.includes('ACCOUNT_EXECUTIVE')) {
    throw new DomainError(
      'forbidden',
      `Nobody sold this order or holds the customer in portfolio: the quality-control call is made by a registered, active account executive of the tenant, and ${actor.userId} is not one`,
      {
        rule: 'R-SAL-QC1',
      },
    );
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
export function teamOfLead(
  leadId: string,
  members: readonly string[],
  planned: readonly string[],
  leadOfPlanned: ReadonlyMap<string, string | null>,
): string[] {
  const fromPlans = planned.filter((e) => {
    const lead = leadOfPlanned.get(e);
    return lead == null || lead === leadId;
  });
  return [...new Set([...members, ...fromPlans])].sort();
}

/** An ACCOUNT_EXECUTIVE (or agent) without a management role reads only their own figures. */
export function checkReadsOwnFigures(actor: { userId: string; roles: readonly string[] }, executiveId: string): void {
  const manager = actor.roles.some((r) => r === 'SALES_TEAM_LEAD' || r === 'COMMERCIAL_DIRECTOR' || r === 'ADMIN' || r === 'REPORTING');
  if (!manager && actor.userId !== executiveId) throw forbidden('An executive reads only their own report');
}
