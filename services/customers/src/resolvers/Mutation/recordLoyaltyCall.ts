import { authorize, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { phoneKeys } from '../../domain/contact';
import { contactsAfterCall, decideCaller, problemServiceOf, validNotes } from '../../domain/loyalty';
import { validInteraction } from '../../domain/interaction';
import { saveCustomerChange } from '../customer-change';
import { saveInteraction } from '../interaction-record';

/**
 * §3 J: everything is validated before anything is written; the contact update (through the
 * contact rules, with customers.CustomerUpdated) goes first, then the call itself.
 */
export const recordLoyaltyCall =
  (deps: ResolverDeps): MutationResolvers['recordLoyaltyCall'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordLoyaltyCall', principal);
    const notes = validNotes(input.notes);
    const service = problemServiceOf(input.outcome, input.problemService);
    let customer = await deps.customers.get(principal.tenantId, input.customerId);
    decideCaller(principal, customer.executiveId);
    const contacts = input.contactUpdate ? contactsAfterCall(customer.contacts ?? [], input.contactUpdate, newId('con')) : null;
    const fields = validInteraction({
      channel: input.channel ?? 'PHONE',
      summary: notes,
      outcome: input.outcome === 'OK' ? 'Service OK' : 'Service problem reported',
      link: null,
    });
    if (contacts) customer = await saveCustomerChange(deps, principal, customer, { contacts, phoneKeys: phoneKeys(contacts) }, 'CONTACTS');
    const loyalty = { outcome: input.outcome, contactUpdated: !!contacts };
    const interaction = await saveInteraction(deps, principal, customer._id, fields, 'LOYALTY_CALL', loyalty, { outcome: input.outcome, description: notes, service });
    return { loyaltyCall: { interaction, ...loyalty }, customer };
  };
