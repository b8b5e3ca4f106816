import { badInput, conflict, ruleViolated, wrongState } from '@vinculo/common';

export const LEAD_SOURCES = ['GROUP_COMPANY', 'FORUM', 'MEETING', 'CONTACT', 'RFP', 'RFI', 'TENDER', 'MARKET_STUDY'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export type LeadStatus = 'NEW' | 'QUALIFIED' | 'DISCARDED';

export interface LeadInput {
  companyName: string;
  source: string;
  requirement: string;
  customerId?: string | null;
  requirementForm?: RequirementFormInput | null;
}

/** Commercial requirement form F-COM-001, as filled in during a visit. */
export interface RequirementForm {
  visitedOn: string;
  contactName: string;
  contactRole: string | null;
  needs: string;
}
export interface RequirementFormInput {
  visitedOn: string;
  contactName: string;
  contactRole?: string | null;
  needs: string;
}

/** Sources whose requirements come in a document of their own: F-COM-001 does not apply to them. */
export const DOCUMENTED_SOURCES: readonly LeadSource[] = ['RFP', 'RFI', 'TENDER', 'MARKET_STUDY'];

/**
 * R-PRO-1 (local id, §5 step 1): form F-COM-001 is used only for visits, never when an RFP, RFI,
 * tender or market study already states the requirements.
 */
export function checkRequirementForm(source: LeadSource, form: RequirementFormInput | null | undefined): RequirementForm | null {
  if (!form) return null;
  if (DOCUMENTED_SOURCES.includes(source)) {
    throw ruleViolated('R-PRO-1', `Form F-COM-001 is only for visits: a ${source} lead has its requirements in its own document`);
  }
  const contactName = form.contactName.trim().replace(/\s+/g, ' ');
  if (contactName.length < 2 || contactName.length > 200) throw badInput('contactName must have 2 to 200 characters', 'requirementForm.contactName');
  const needs = form.needs.trim();
  if (needs.length < 1 || needs.length > REQUIREMENT_MAX) throw badInput(`needs must have 1 to ${REQUIREMENT_MAX} characters`, 'requirementForm.needs');
  const contactRole = form.contactRole?.trim() || null;
  if (contactRole && contactRole.length > 200) throw badInput('contactRole must have at most 200 characters', 'requirementForm.contactRole');
  return { visitedOn: form.visitedOn, contactName, contactRole, needs };
}

/** A NEW lead becomes QUALIFIED once (into one opportunity); anything else is an illegal transition. */
export function checkQualifiable(status: LeadStatus): void {
  // Qualified already: a duplicate (one opportunity per lead). Otherwise (e.g. DISCARDED): the wrong state.
  if (status === 'QUALIFIED') throw conflict('The lead was already qualified (into one opportunity)', { currentStatus: status });
  if (status !== 'NEW') throw wrongState({ entity: 'lead', current: status, act: 'be qualified', allowedFrom: ['NEW'] });
}

export interface LeadRegistration {
  companyName: string;
  source: LeadSource;
  requirement: string;
  customerId: string | null;
  requirementForm: RequirementForm | null;
  status: LeadStatus;
}

export const REQUIREMENT_MAX = 2000;

const isSource = (source: string): source is LeadSource => (LEAD_SOURCES as readonly string[]).includes(source);

/**
 * Validate a lead as the director registers it; it starts NEW. The requirement keeps its line
 * breaks (it is the text of form F-COM-001); only its ends are trimmed.
 */
export function decideLead(input: LeadInput): LeadRegistration {
  const companyName = input.companyName.trim().replace(/\s+/g, ' ');
  if (companyName.length < 2 || companyName.length > 200) throw badInput('companyName must have 2 to 200 characters', 'companyName');
  if (!isSource(input.source)) throw badInput(`source must be one of ${LEAD_SOURCES.join(', ')}`, 'source');
  const requirement = input.requirement.trim();
  if (requirement.length < 1 || requirement.length > REQUIREMENT_MAX) {
    throw badInput(`requirement must have 1 to ${REQUIREMENT_MAX} characters`, 'requirement');
  }
  let customerId: string | null = null;
  if (input.customerId !== undefined && input.customerId !== null) {
    customerId = input.customerId.trim();
    if (!customerId) throw badInput('customerId must not be blank (omit it for a company that is not a customer)', 'customerId');
  }
  const requirementForm = checkRequirementForm(input.source, input.requirementForm);
  return { companyName, source: input.source, requirement, customerId, requirementForm, status: 'NEW' };
}
