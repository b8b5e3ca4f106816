import {
  badInput,
  businessNow,
  conflict,
  findOneById,
  createWithEvents,
  newEnvelope,
  newId,
  notFound,
  type Principal,
  runCommand,
  tenantCalendar,
} from '@vinculo/common';
import type { LeadDoc } from '../store/lead.model';
import type { OpportunityDoc } from '../store/opportunity.model';
import { checkQualifiable, decideLead, type LeadInput } from '../domain/lead';
import { qualify, type RequirementType, type ServiceLine } from '../domain/opportunity';
import type { ProposalsDeps } from './deps';

/** Register a lead (with proposals.LeadRegistered); when it names a customer, that customer must be known in the tenant. */
export async function registerLead(deps: ProposalsDeps, principal: Principal, input: LeadInput): Promise<LeadDoc> {
  const registration = decideLead(input);
  if (registration.customerId) await deps.directory.require(principal.tenantId, registration.customerId);
  const id = newId('lead');
  const now = businessNow(principal.tenantId);
  const event = newEnvelope('proposals', principal, {
    type: 'proposals.LeadRegistered',
    subject: id,
    data: {
      leadId: id,
      customerId: registration.customerId,
      companyName: registration.companyName,
      source: registration.source,
      requirement: registration.requirement,
    },
  });
  return createWithEvents(
    deps.leads,
    {
      _id: id,
      tenantId: principal.tenantId,
      ...registration,
      opportunityId: null,
      registeredBy: principal.userId,
      registeredAt: now,
      history: [{ from: null, to: registration.status, by: principal.userId, at: now, note: null }],
    },
    [event],
    { published: deps.published },
  );
}

export interface QualifyLeadInput {
  leadId: string;
  customerId?: string | null;
  ownerId?: string | null;
  title: string;
  requirementType: RequirementType;
  serviceLines?: ServiceLine[] | null;
}

/**
 * Qualify a NEW lead into an opportunity. The opportunity (with proposals.OpportunityQualified) is
 * written first, then the lead is marked QUALIFIED at the version read; one opportunity per lead is
 * guaranteed by a unique index, so a retry after a failure between the two writes only completes the lead.
 */
export async function qualifyLead(deps: ProposalsDeps, principal: Principal, input: QualifyLeadInput): Promise<OpportunityDoc> {
  const lead = await findOneById(deps.leads, principal.tenantId, input.leadId);
  if (!lead) throw notFound('Lead', input.leadId);
  checkQualifiable(lead.status);
  const given = input.customerId?.trim() || null;
  if (lead.customerId && given && given !== lead.customerId) throw badInput('the lead already names another customer', 'customerId');
  const customerId = lead.customerId ?? given;
  if (!customerId) throw badInput('customerId is required: register the company as a prospect in customers first', 'customerId');
  await deps.directory.require(principal.tenantId, customerId);
  const ownerId = input.ownerId?.trim() || principal.userId;
  const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const { title, serviceLines, state } = qualify(
    { title: input.title, requirementType: input.requirementType, serviceLines: input.serviceLines, currency: tenant.currency },
    { by: principal.userId, at: now, today: '', calendar: tenantCalendar(tenant) },
  );
  const id = newId('opp');
  const event = newEnvelope('proposals', principal, {
    type: 'proposals.OpportunityQualified',
    subject: id,
    data: { opportunityId: id, customerId, leadId: lead._id, title, requirementType: input.requirementType, ownerId },
  });
  const opportunity = await createWithEvents(
    deps.opportunities,
    { _id: id, tenantId: principal.tenantId, customerId, leadId: lead._id, ownerId, title, serviceLines, qualifiedAt: now, ...state },
    [event],
    {
      published: deps.published,
      // Qualified before, but the lead was not marked: complete it with the existing opportunity.
      onDuplicate: async () => {
        const existing = await deps.opportunities.findOne({ tenantId: principal.tenantId, leadId: lead._id }).lean<OpportunityDoc>();
        if (!existing) throw conflict('The lead was already qualified');
        return existing;
      },
    },
  );
  await runCommand({
    model: deps.leads,
    what: 'Lead',
    tenantId: principal.tenantId,
    id: lead._id,
    concurrency: { expectedVersion: lead.version },
    decide: (current) => ({
      update: {
        $set: { status: 'QUALIFIED', opportunityId: opportunity._id, customerId },
        $push: { history: { from: current.status, to: 'QUALIFIED', by: principal.userId, at: now, note: `opportunity ${opportunity._id}` } },
      },
      events: [],
    }),
  });
  return opportunity;
}
