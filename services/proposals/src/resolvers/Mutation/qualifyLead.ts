import { authorize, badInput, businessNow, conflict, findOneById, isDuplicateKey, newEnvelope, newId, notFound, tenantCalendar, updateVersioned } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import type { OpportunityDoc } from '../../store/opportunity.model';
import { policy } from '../../policy';
import { checkQualifiable } from '../../domain/lead';
import { qualify } from '../../domain/opportunity';

/**
 * Qualify a NEW lead into an opportunity. The opportunity (with proposals.OpportunityQualified) is
 * written first, then the lead is marked QUALIFIED; one opportunity per lead is guaranteed by a unique
 * index, so a retry after a failure between the two writes only completes the lead.
 */
export const qualifyLead =
  ({ leads, opportunities, directory, tenantPolicy, published }: ResolverDeps): MutationResolvers['qualifyLead'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'qualifyLead', principal);
    const lead = await findOneById(leads, principal.tenantId, input.leadId);
    if (!lead) throw notFound('Lead', input.leadId);
    checkQualifiable(lead.status);
    const given = input.customerId?.trim() || null;
    if (lead.customerId && given && given !== lead.customerId) throw badInput('the lead already names another customer', 'customerId');
    const customerId = lead.customerId ?? given;
    if (!customerId) throw badInput('customerId is required: register the company as a prospect in customers first', 'customerId');
    await directory.require(principal.tenantId, customerId);
    const ownerId = input.ownerId?.trim() || principal.userId;
    const tenant = await tenantPolicy.policyFor(principal.tenantId);
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
    let opportunity: OpportunityDoc;
    try {
      opportunity = (await opportunities.create({
        _id: id,
        tenantId: principal.tenantId,
        customerId,
        leadId: lead._id,
        ownerId,
        title,
        serviceLines,
        qualifiedAt: now,
        ...state,
        outbox: [event],
      })).toObject();
      published();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Qualified before, but the lead was not marked: complete it with the existing opportunity.
      const existing = await opportunities.findOne({ tenantId: principal.tenantId, leadId: lead._id }).lean<OpportunityDoc>();
      if (!existing) throw conflict('The lead was already qualified');
      opportunity = existing;
    }
    await updateVersioned(
      leads,
      { _id: lead._id, tenantId: principal.tenantId },
      lead.version,
      { $set: { status: 'QUALIFIED', opportunityId: opportunity._id, customerId }, $push: { history: { from: lead.status, to: 'QUALIFIED', by: principal.userId, at: now, note: `opportunity ${opportunity._id}` } } },
      [],
    );
    return { opportunity };
  };
