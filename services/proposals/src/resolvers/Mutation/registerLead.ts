import { authorize, newEnvelope, newId, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideLead } from '../../domain/lead';

export const registerLead =
  ({ leads, directory, published }: ResolverDeps): MutationResolvers['registerLead'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'registerLead', principal);
    const registration = decideLead(input);
    // A lead need not be a customer; when it names one, that customer must be known in the tenant.
    if (registration.customerId) await directory.require(principal.tenantId, registration.customerId);
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
    const created = await leads.create({
      _id: id,
      tenantId: principal.tenantId,
      ...registration,
      opportunityId: null,
      registeredBy: principal.userId,
      registeredAt: now,
      history: [{ from: null, to: registration.status, by: principal.userId, at: now, note: null }],
      outbox: [event],
    });
    published();
    return { lead: created.toObject() };
  };
