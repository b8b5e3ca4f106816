import { badInput } from '@vinculo/common';

export const LEAD_SOURCES = ['GROUP_COMPANY', 'FORUM', 'MEETING', 'CONTACT', 'RFP', 'RFI', 'TENDER', 'MARKET_STUDY'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export type LeadStatus = 'NEW' | 'QUALIFIED' | 'DISCARDED';

export interface LeadInput {
  companyName: string;
  source: string;
  requirement: string;
  customerId?: string | null;
}

export interface LeadRegistration {
  companyName: string;
  source: LeadSource;
  requirement: string;
  customerId: string | null;
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
  return { companyName, source: input.source, requirement, customerId, status: 'NEW' };
}
