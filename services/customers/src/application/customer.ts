import { businessNow, newEnvelope, newId, type Principal, runCommand } from '@vinculo/common';
import type { CustomerDoc } from '../store/customer.model';
import type { CustomerRepository } from '../store/customer.repository';
import type { EmployeeRepository } from '../store/employee.repository';
import type { TenantRepository } from '../store/tenant.repository';
import { decideAssignment, decideRegistration, validExecutiveId, type RegistrationInput } from '../domain/customer';
import { decideProfileChange, type ProfilePatch } from '../domain/customer-profile';
import {
  addContact as addToContacts,
  phoneKeys,
  removeContact as removeFromContacts,
  setPrimaryContact as setPrimaryOf,
  updateContact as updateInContacts,
  type ContactFields,
} from '../domain/contact';
import { addAddress as addToAddresses, removeAddress as removeFromAddresses, type AddressFields } from '../domain/address';
import { requireActiveExecutive } from '../domain/employee';
import { customerUpdatedData } from '../events/snapshots';
import { churnDeltaOf, foldChurnOf, withChurnDelta } from './churn-totals';

/** Register a customer (prospect or company) with customers.CustomerRegistered; a duplicate document in the tenant is a CONFLICT. */
export async function registerCustomer(
  s: { customers: CustomerRepository; tenants: TenantRepository },
  principal: Principal,
  input: RegistrationInput,
): Promise<CustomerDoc> {
  const { country } = await s.tenants.get(principal.tenantId);
  const registration = decideRegistration(input, country);
  const id = newId('cus');
  const now = businessNow(principal.tenantId);
  const event = newEnvelope('customers', principal, {
    type: 'customers.CustomerRegistered',
    subject: id,
    data: {
      customerId: id,
      kind: registration.kind,
      name: registration.name,
      taxId: registration.taxId,
      identityCard: registration.identityCard,
      status: registration.status,
    },
  });
  return s.customers.insert(
    {
      _id: id,
      tenantId: principal.tenantId,
      ...registration,
      nameKey: registration.name.toLowerCase(),
      tradeNameKey: registration.tradeName?.toLowerCase() ?? null,
      history: [{ from: null, to: registration.status, by: principal.userId, at: now, note: null }],
      contacts: [],
      phoneKeys: [],
      addresses: [],
      executiveId: null,
      portfolioHistory: [],
      createdBy: principal.userId,
    },
    [event],
  );
}

type CustomerSet = Partial<CustomerDoc>;
type Changed = 'PROFILE' | 'CONTACTS' | 'ADDRESSES';

/**
 * A change of a customer's profile, contacts or addresses (kit runCommand): decided on the customer as
 * loaded, written with customers.CustomerUpdated (the profile after the change) under that version; a
 * concurrent change is a CONFLICT (the mutations carry no version: the caller reloads). `decide`
 * returns null when nothing changes (then nothing is written).
 */
export async function changeCustomer(
  s: { customers: CustomerRepository },
  principal: Principal,
  customerId: string,
  changed: Changed,
  decide: (current: CustomerDoc) => CustomerSet | null,
  expectedVersion: number | null = null,
): Promise<CustomerDoc> {
  let churned = false;
  const { doc } = await runCommand({
    model: s.customers.model,
    what: 'Customer',
    tenantId: principal.tenantId,
    id: customerId,
    concurrency: { expectedVersion },
    published: s.customers.published,
    decide: (current) => {
      churned = false;
      const set = decide(current);
      if (!set) return null;
      const event = newEnvelope('customers', principal, {
        type: 'customers.CustomerUpdated',
        subject: current._id,
        data: customerUpdatedData({ ...current, ...set }, changed),
      });
      // A churned customer's new segment moves its disaffiliations in the churn counts (churn-totals.ts).
      const delta = 'segment' in set ? churnDeltaOf(current._id, current, { ...current, ...set }) : null;
      churned = !!delta;
      const churn = withChurnDelta(delta);
      return { update: { $set: { ...set, ...churn.set }, ...(delta ? { $push: churn.push } : {}) }, events: [event] };
    },
  });
  if (churned) await foldChurnOf(s.customers.model, principal.tenantId, [customerId]);
  return doc;
}

type Customers = { customers: CustomerRepository };

export function updateCustomerProfile(s: Customers, principal: Principal, customerId: string, patch: ProfilePatch): Promise<CustomerDoc> {
  return changeCustomer(s, principal, customerId, 'PROFILE', (current) => {
    const profile = decideProfileChange(
      {
        name: current.name,
        tradeName: current.tradeName ?? null,
        activityType: current.activityType ?? null,
        segment: current.segment ?? null,
        market: current.market ?? null,
        category: current.category ?? null,
      },
      patch,
    );
    return { ...profile, nameKey: profile.name.toLowerCase(), tradeNameKey: profile.tradeName?.toLowerCase() ?? null };
  });
}

export function addContact(s: Customers, principal: Principal, customerId: string, contact: ContactFields, primary: boolean): Promise<CustomerDoc> {
  const id = newId('con');
  return changeCustomer(s, principal, customerId, 'CONTACTS', (current) => {
    const contacts = addToContacts(current.contacts ?? [], id, contact, primary);
    return { contacts, phoneKeys: phoneKeys(contacts) };
  });
}

export function updateContact(s: Customers, principal: Principal, customerId: string, contactId: string, patch: ContactFields): Promise<CustomerDoc> {
  return changeCustomer(s, principal, customerId, 'CONTACTS', (current) => {
    const contacts = updateInContacts(current.contacts ?? [], contactId, patch);
    return { contacts, phoneKeys: phoneKeys(contacts) };
  });
}

export function removeContact(s: Customers, principal: Principal, customerId: string, contactId: string): Promise<CustomerDoc> {
  return changeCustomer(s, principal, customerId, 'CONTACTS', (current) => {
    const contacts = removeFromContacts(current.contacts ?? [], contactId);
    return { contacts, phoneKeys: phoneKeys(contacts) };
  });
}

/** The contact becomes the primary one (already primary: nothing is written). */
export function setPrimaryContact(s: Customers, principal: Principal, customerId: string, contactId: string): Promise<CustomerDoc> {
  return changeCustomer(s, principal, customerId, 'CONTACTS', (current) => {
    const contacts = setPrimaryOf(current.contacts ?? [], contactId);
    return contacts ? { contacts } : null;
  });
}

export function addAddress(s: Customers, principal: Principal, customerId: string, fields: AddressFields): Promise<CustomerDoc> {
  const id = newId('adr');
  return changeCustomer(s, principal, customerId, 'ADDRESSES', (current) => ({ addresses: addToAddresses(current.addresses ?? [], id, fields) }));
}

export function removeAddress(s: Customers, principal: Principal, customerId: string, addressId: string): Promise<CustomerDoc> {
  return changeCustomer(s, principal, customerId, 'ADDRESSES', (current) => ({ addresses: removeFromAddresses(current.addresses ?? [], addressId) }));
}

/** The customer joins an active executive's portfolio (customers.PortfolioAssigned). */
export async function assignPortfolio(
  s: Customers & { employees: EmployeeRepository },
  principal: Principal,
  input: { customerId: string; executiveId: string },
): Promise<CustomerDoc> {
  const executiveId = validExecutiveId(input.executiveId);
  await s.customers.get(principal.tenantId, input.customerId);
  requireActiveExecutive(await s.employees.find(principal.tenantId, executiveId), executiveId);
  const assignedAt = businessNow(principal.tenantId);
  const { doc } = await runCommand({
    model: s.customers.model,
    what: 'Customer',
    tenantId: principal.tenantId,
    id: input.customerId,
    concurrency: { expectedVersion: null },
    published: s.customers.published,
    decide: (current) => {
      const { previousExecutiveId } = decideAssignment(current.executiveId, executiveId);
      const assignment = { executiveId, previousExecutiveId, assignedBy: principal.userId, assignedAt };
      return {
        update: { $set: { executiveId }, $push: { portfolioHistory: assignment } },
        events: [
          newEnvelope('customers', principal, {
            type: 'customers.PortfolioAssigned',
            subject: current._id,
            data: { customerId: current._id, executiveId, previousExecutiveId },
          }),
        ],
      };
    },
  });
  return doc;
}
