import { businessNow, newEnvelope, newId, type EventEnvelope, type Principal } from '@vinculo/common';
import { validInteraction, type InteractionFields, type InteractionInput, type InteractionPurpose } from '../domain/interaction';
import type { InteractionDoc } from '../store/interaction.model';
import type { InteractionRepository } from '../store/interaction.repository';
import type { CustomerDoc } from '../store/customer.model';
import type { CustomerRepository } from '../store/customer.repository';
import {
  contactsAfterCall,
  decideCaller,
  problemServiceOf,
  validNotes,
  type ContactUpdate,
  type LoyaltyOutcome,
  type LoyaltyProblemService,
} from '../domain/loyalty';
import { phoneKeys } from '../domain/contact';
import { changeCustomer } from './customer';

/**
 * Write an interaction with its customers.InteractionRecorded (the timeline's source) and any further
 * events of the same act (a loyalty call's customers.ServiceProblemReported), in one document insert.
 */
function saveInteraction(
  interactions: InteractionRepository,
  principal: Principal,
  customerId: string,
  fields: InteractionFields,
  purpose: InteractionPurpose,
  loyalty: InteractionDoc['loyalty'] = null,
  problem: { outcome: LoyaltyOutcome; description: string; service?: LoyaltyProblemService | null } | null = null,
): Promise<InteractionDoc> {
  const id = newId('int');
  const at = businessNow(principal.tenantId);
  const events: EventEnvelope[] = [
    newEnvelope(
      'customers',
      principal,
      {
        type: 'customers.InteractionRecorded',
        subject: customerId,
        data: {
          interactionId: id,
          customerId,
          channel: fields.channel,
          purpose,
          summary: fields.summary,
          outcome: fields.outcome,
          link: fields.link,
          authorId: principal.userId,
        },
      },
      at,
    ),
  ];
  if (problem?.outcome === 'PROBLEM') {
    events.push(
      newEnvelope(
        'customers',
        principal,
        {
          type: 'customers.ServiceProblemReported',
          subject: customerId,
          data: {
            problemId: id,
            customerId,
            executiveId: principal.userId,
            description: problem.description,
            reportedAt: at.toISOString(),
            ...(problem.service ? { service: problem.service } : {}),
          },
        },
        at,
      ),
    );
  }
  return interactions.insert({ _id: id, tenantId: principal.tenantId, customerId, ...fields, purpose, authorId: principal.userId, at, loyalty }, events);
}

/** "Ingresa interacción": a general interaction with a customer of the tenant. */
export async function recordInteraction(
  s: { customers: CustomerRepository; interactions: InteractionRepository },
  principal: Principal,
  input: InteractionInput & { customerId: string },
): Promise<InteractionDoc> {
  const { customerId, ...rest } = input;
  const fields = validInteraction(rest);
  const customer = await s.customers.get(principal.tenantId, customerId);
  return saveInteraction(s.interactions, principal, customer._id, fields, 'GENERAL');
}

export interface LoyaltyCallInput {
  customerId: string;
  channel?: InteractionInput['channel'] | null;
  notes: string;
  outcome: LoyaltyOutcome;
  problemService?: LoyaltyProblemService | null;
  contactUpdate?: ContactUpdate | null;
}

/**
 * §3 J loyalty call: everything is validated before anything is written; the contact update (through
 * the contact rules, with customers.CustomerUpdated, at the version the caller checked) goes first,
 * then the call itself. R-CUS-LC1: an executive calls only customers of their own portfolio (decideCaller).
 */
export async function recordLoyaltyCall(
  s: { customers: CustomerRepository; interactions: InteractionRepository },
  principal: Principal,
  input: LoyaltyCallInput,
): Promise<{ loyaltyCall: { interaction: InteractionDoc; outcome: LoyaltyOutcome; contactUpdated: boolean }; customer: CustomerDoc }> {
  const notes = validNotes(input.notes);
  const service = problemServiceOf(input.outcome, input.problemService);
  let customer = await s.customers.get(principal.tenantId, input.customerId);
  decideCaller(principal, customer.executiveId);
  const contacts = input.contactUpdate ? contactsAfterCall(customer.contacts ?? [], input.contactUpdate, newId('con')) : null;
  const fields = validInteraction({
    channel: input.channel ?? 'PHONE',
    summary: notes,
    outcome: input.outcome === 'OK' ? 'Service OK' : 'Service problem reported',
    link: null,
  });
  if (contacts) customer = await changeCustomer(s, principal, customer._id, 'CONTACTS', () => ({ contacts, phoneKeys: phoneKeys(contacts) }), customer.version);
  const loyalty = { outcome: input.outcome, contactUpdated: !!contacts };
  const interaction = await saveInteraction(s.interactions, principal, customer._id, fields, 'LOYALTY_CALL', loyalty, {
    outcome: input.outcome,
    description: notes,
    service,
  });
  return { loyaltyCall: { interaction, ...loyalty }, customer };
}
