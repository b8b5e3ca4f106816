import { badInput, ruleViolated, type Principal } from '@vinculo/common';
import { addContact, primaryOf, updateContact, validEmail, validPhone, type Contact } from './contact';
import { requiredText, tidy } from './text';

/** Loyalty and retention calls (llamadas de fidelización, DOMAIN.md §3 J). */
export type LoyaltyOutcome = 'OK' | 'PROBLEM';
/** The service a problem is about (§3 J.5): it routes the damage ticket techsupport opens. */
export type LoyaltyProblemService = 'LINE' | 'TV' | 'INTERNET';

/** The problem's service only comes with a PROBLEM call. */
export function problemServiceOf(outcome: LoyaltyOutcome, service: LoyaltyProblemService | null | undefined): LoyaltyProblemService | null {
  if (!service) return null;
  if (outcome !== 'PROBLEM') throw badInput('problemService is only for a PROBLEM call', 'problemService');
  return service;
}

export interface ContactUpdate {
  email?: string | null;
  whatsapp?: string | null;
  contactPerson?: string | null;
}

/** The call's notes: what the customer said, or the problem (1..2000 characters). */
export const validNotes = (notes: string): string => requiredText(notes, 'notes', 1, 2000);

/** R-CUS-LC1: an ACCOUNT_EXECUTIVE calls only customers of their own portfolio (leads call any). */
export function decideCaller(principal: Principal, customerExecutiveId: string | null): void {
  const lead = principal.roles.includes('SALES_TEAM_LEAD');
  if (!lead && customerExecutiveId !== principal.userId) {
    throw ruleViolated('R-CUS-LC1', 'an account executive records loyalty calls only to customers of their own portfolio');
  }
}

/**
 * The contacts after a call's contact-data update (e-mail, WhatsApp, contact person), through the
 * contact rules of domain/contact: the primary contact is corrected, or a first contact is added.
 * Null when the update changes nothing.
 */
export function contactsAfterCall(contacts: Contact[], update: ContactUpdate, newContactId: string): Contact[] | null {
  const fields = { email: update.email?.trim() || null, whatsapp: update.whatsapp?.trim() || null, name: update.contactPerson?.trim() || null };
  if (!fields.email && !fields.whatsapp && !fields.name)
    throw badInput('contactUpdate needs an e-mail, a WhatsApp number or a contact person', 'contactUpdate');
  const primary = primaryOf(contacts);
  if (!primary) {
    if (!fields.name) throw badInput('the customer has no contact yet: contactUpdate needs the contact person', 'contactUpdate.contactPerson');
    return addContact(contacts, newContactId, fields, true);
  }
  // The contact already holding these data is a confirmation, not a change.
  const same =
    (!fields.email || validEmail(fields.email) === primary.email) &&
    (!fields.whatsapp || validPhone(fields.whatsapp, 'whatsapp') === primary.whatsapp) &&
    (!fields.name || tidy(fields.name) === primary.name);
  return same ? null : updateContact(contacts, primary.id, fields);
}

export interface CallRecord {
  customerId: string;
  at: Date;
}

/** The call list: each customer with the last call before `until`, never called first, then the oldest call, then name. */
export function callListOrder<C extends { _id: string; nameKey: string }>(
  customers: C[],
  calls: CallRecord[],
  until: Date,
): { customer: C; lastCalledAt: Date | null }[] {
  const last = new Map<string, Date>();
  for (const c of calls) {
    if (c.at >= until) continue;
    const seen = last.get(c.customerId);
    if (!seen || seen < c.at) last.set(c.customerId, c.at);
  }
  return customers
    .map((customer) => ({ customer, lastCalledAt: last.get(customer._id) ?? null }))
    .sort(
      (a, b) =>
        (a.lastCalledAt?.getTime() ?? -Infinity) - (b.lastCalledAt?.getTime() ?? -Infinity) ||
        a.customer.nameKey.localeCompare(b.customer.nameKey) ||
        a.customer._id.localeCompare(b.customer._id),
    );
}

/** End-of-day report figures: calls, problems, contact updates. */
export function loyaltyReport(calls: { outcome: LoyaltyOutcome; contactUpdated: boolean }[]) {
  return {
    calls: calls.length,
    problems: calls.filter((c) => c.outcome === 'PROBLEM').length,
    contactUpdates: calls.filter((c) => c.contactUpdated).length,
  };
}
