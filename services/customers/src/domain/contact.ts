import { badInput, notFound } from '@vinculo/common';
import { optionalText, requiredText } from './text';

/** A contact person as stored inside the customer. */
export interface Contact {
  id: string;
  name: string;
  role: string | null;
  phone: string | null;
  whatsapp: string | null;
  email: string | null;
  primary: boolean;
}

export interface ContactFields {
  name?: string | null;
  role?: string | null;
  phone?: string | null;
  whatsapp?: string | null;
  email?: string | null;
}

export const MAX_CONTACTS = 20;

const PHONE = /^\+?\d{6,15}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** A phone number tidied to digits with an optional leading + (spaces, dots, dashes, brackets dropped). */
export function validPhone(value: string | null | undefined, field: string): string | null {
  const raw = value?.trim();
  if (!raw) return null;
  const phone = raw.replace(/[\s().-]/g, '');
  if (!PHONE.test(phone)) throw badInput(`${field} must be 6 to 15 digits, optionally with a leading +`, field);
  return phone;
}

export function validEmail(value: string | null | undefined): string | null {
  const email = value?.trim().toLowerCase();
  if (!email) return null;
  if (email.length > 254 || !EMAIL.test(email)) throw badInput('email is not a valid e-mail address', 'email');
  return email;
}

/** The digits of a phone number, as searched (`phone` filter matches them or their ending). */
export const phoneDigits = (phone: string): string => phone.replace(/\D/g, '');

/** Every phone and WhatsApp number of the contacts, as digits: the customer's phone search keys. */
export function phoneKeys(contacts: Contact[]): string[] {
  const keys = contacts
    .flatMap((c) => [c.phone, c.whatsapp])
    .filter((p): p is string => !!p)
    .map(phoneDigits);
  return [...new Set(keys)];
}

function validContact(fields: Required<ContactFields>): Omit<Contact, 'id' | 'primary'> {
  const contact = {
    name: requiredText(fields.name ?? '', 'name', 2, 120),
    role: optionalText(fields.role, 'role', 2, 80),
    phone: validPhone(fields.phone, 'phone'),
    whatsapp: validPhone(fields.whatsapp, 'whatsapp'),
    email: validEmail(fields.email),
  };
  if (!contact.phone && !contact.whatsapp && !contact.email) {
    throw badInput('a contact needs a phone, a WhatsApp number or an e-mail', 'phone');
  }
  return contact;
}

/** Add a contact; the first is always primary, and `primary` moves the mark to the new one. */
export function addContact(contacts: Contact[], id: string, fields: ContactFields, primary: boolean): Contact[] {
  if (contacts.length >= MAX_CONTACTS) throw badInput(`a customer has at most ${MAX_CONTACTS} contacts`, 'contact');
  const added = { id, ...validContact({ name: null, role: null, phone: null, whatsapp: null, email: null, ...fields }) };
  const makePrimary = primary || contacts.length === 0;
  return [...contacts.map((c) => (makePrimary ? { ...c, primary: false } : c)), { ...added, primary: makePrimary }];
}

function find(contacts: Contact[], id: string): Contact {
  const found = contacts.find((c) => c.id === id);
  if (!found) throw notFound('Contact', id);
  return found;
}

/** Correct a contact: omitted (undefined/null) fields stay, an empty string clears an optional one. */
export function updateContact(contacts: Contact[], id: string, patch: ContactFields): Contact[] {
  const current = find(contacts, id);
  const merged = {
    name: patch.name ?? current.name,
    role: patch.role ?? current.role,
    phone: patch.phone ?? current.phone,
    whatsapp: patch.whatsapp ?? current.whatsapp,
    email: patch.email ?? current.email,
  };
  const next = { ...current, ...validContact(merged) };
  if ((['name', 'role', 'phone', 'whatsapp', 'email'] as const).every((k) => next[k] === current[k])) {
    throw badInput('nothing to change', 'input');
  }
  return contacts.map((c) => (c.id === id ? next : c));
}

/** Remove a contact; when it was primary, the earliest remaining one becomes primary. */
export function removeContact(contacts: Contact[], id: string): Contact[] {
  const removed = find(contacts, id);
  const rest = contacts.filter((c) => c.id !== id);
  if (!removed.primary || rest.length === 0) return rest;
  return rest.map((c, i) => ({ ...c, primary: i === 0 }));
}

/** Make a contact the primary one; null when it already is (nothing to write). */
export function setPrimaryContact(contacts: Contact[], id: string): Contact[] | null {
  if (find(contacts, id).primary) return null;
  return contacts.map((c) => ({ ...c, primary: c.id === id }));
}

/** The primary contact, if any. */
export const primaryOf = (contacts: Contact[]): Contact | null => contacts.find((c) => c.primary) ?? null;
