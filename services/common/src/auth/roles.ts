/** Roles of DOMAIN.md "Actors", carried in the caller's token. */
export const ROLES = [
  'SALES_TEAM_LEAD',
  'ACCOUNT_EXECUTIVE',
  'COMMERCIAL_CLERK',
  'TECHNICAL_COORDINATOR',
  'TECHNICAL_ANALYST',
  'DIGITAL_SALES_AGENT',
  'CLAIMS_UNIT',
  'COMMERCIAL_DIRECTOR',
  'PRESALES',
  'SERVICE_AREA',
  'COMPLIANCE',
  'ADMIN',
  'PARTNER',
  'REPORTING',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Scopes, deny by default (a token without them may do nothing): `read` for every query, `write` for
 * every mutation, `reporting` for pages above 100. The fine scopes gate the acts an integration
 * partner performs, on top of `write` (see auth/scopes.ts FINE_SCOPES):
 * `billing:write` imports invoices (external billing system), `payments:write` registers payments
 * (banks, payment channels), `digital-requests:write` files digital sale requests (bots, IVR).
 */
export const SCOPES = ['read', 'write', 'reporting', 'billing:write', 'payments:write', 'digital-requests:write'] as const;
export type Scope = (typeof SCOPES)[number];

/** The authenticated caller. */
export interface Principal {
  userId: string;
  tenantId: string;
  roles: Role[];
  scopes: Scope[];
}

/**
 * Machine clients, authenticated by an API key (never staff): PARTNER integrations (banks, billing
 * system, bots) and REPORTING jobs (read lists and indicators, write nothing).
 */
export const MACHINE_ROLES = ['PARTNER', 'REPORTING'] as const satisfies readonly Role[];
export type MachineRole = (typeof MACHINE_ROLES)[number];

/** Every human role (not a machine's): the default for "any staff member". */
export const STAFF: readonly Role[] = ROLES.filter((r) => !(MACHINE_ROLES as readonly Role[]).includes(r));

/** A caller holding no staff role: an API key's principal. Fine scopes bind such callers. */
export const isMachine = (principal: Pick<Principal, 'roles'>): boolean => !principal.roles.some((r) => STAFF.includes(r));
