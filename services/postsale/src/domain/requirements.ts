import type { RequestType } from './request';

/** Documents a post-sale request may need (requisitos, DOMAIN.md "Requirements"). */
export const REQUIREMENTS = ['REQUEST_LETTER', 'ID_DOCUMENT', 'TAX_ID', 'POWER_OF_ATTORNEY'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

/** What every request of a type needs from a person; a business also shows its NIT and the signer's power. */
const BY_TYPE: Record<RequestType, Requirement[]> = {
  SUPPLEMENTARY_SERVICE: ['ID_DOCUMENT'],
  PLAN_CHANGE: ['REQUEST_LETTER', 'ID_DOCUMENT'],
  RELOCATION: ['REQUEST_LETTER', 'ID_DOCUMENT'],
  SUSPENSION: ['REQUEST_LETTER', 'ID_DOCUMENT'],
  RECONNECTION: ['ID_DOCUMENT'],
  // R-PS-G1 / seed 002 G step 4: the request letter (own carrier); see requiredDocuments.
  CALL_DETAIL: ['REQUEST_LETTER'],
  WITHDRAWAL: ['REQUEST_LETTER', 'ID_DOCUMENT'],
  PQR: [],
};

/**
 * The documents a request needs, from the one table the checks use. Seed 002 G: the call detail of the
 * own carrier needs the request letter only (whatever the customer); the partner carrier's, nothing.
 */
export function requiredDocuments(type: RequestType, customerKind: string, details: { carrier?: string | null } = {}): Requirement[] {
  if (type === 'CALL_DETAIL') return details.carrier === 'PARTNER' ? [] : ['REQUEST_LETTER'];
  const base = BY_TYPE[type];
  if (customerKind !== 'BUSINESS' || base.length === 0) return [...base];
  return [...base, 'TAX_ID', 'POWER_OF_ATTORNEY'];
}

export interface RequirementCheck {
  requirement: Requirement;
  provided: boolean;
  /** The customer's uploaded file that proves it (customers.AttachmentStored), when brought as one. */
  attachmentId?: string | null;
}

/**
 * Requirements brought later (provideRequirements) count only with their file: each one names the
 * attachment (uploaded with POST /attachments) that proves it. Pure: which names are proved, or why not.
 */
export function provedRequirements(
  names: readonly string[],
  attachments: readonly { requirement: string; attachmentId: string }[],
): { proved: Map<string, string>; unproved: string[] } {
  const proved = new Map(attachments.map((a) => [a.requirement, a.attachmentId]));
  return { proved, unproved: names.filter((n) => !proved.has(n)) };
}

/** The checklist of a request: each required document and whether the customer brought it. */
export function checkRequirements(required: readonly Requirement[], provided: readonly string[]): RequirementCheck[] {
  return required.map((requirement) => ({ requirement, provided: provided.includes(requirement) }));
}

export const missingOf = (checklist: readonly RequirementCheck[]): Requirement[] => checklist.filter((c) => !c.provided).map((c) => c.requirement);
