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
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Scopes: `read` for every query, `reporting` for large pages; partners get only what their key grants.
 * `billing:write`: an integration partner (external billing system) may import invoices into collections.
 */
export const SCOPES = ['read', 'write', 'reporting', 'billing:write'] as const;
export type Scope = (typeof SCOPES)[number];

/** The authenticated caller. */
export interface Principal {
  userId: string;
  tenantId: string;
  roles: Role[];
  scopes: Scope[];
}

/** Every human role except PARTNER: the default for "any staff member". */
export const STAFF: readonly Role[] = ROLES.filter((r) => r !== 'PARTNER');
