import { authorize, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { addContact as add, phoneKeys } from '../../domain/contact';
import { saveCustomerChange } from '../customer-change';

export const addContact =
  (deps: ResolverDeps): MutationResolvers['addContact'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageContacts', principal);
    const current = await deps.customers.get(principal.tenantId, input.customerId);
    const contacts = add(current.contacts ?? [], newId('con'), input.contact, input.primary ?? false);
    return { customer: await saveCustomerChange(deps, principal, current, { contacts, phoneKeys: phoneKeys(contacts) }, 'CONTACTS') };
  };
