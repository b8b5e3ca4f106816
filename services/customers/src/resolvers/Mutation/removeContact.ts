import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { phoneKeys, removeContact as remove } from '../../domain/contact';
import { saveCustomerChange } from '../customer-change';

export const removeContact =
  (deps: ResolverDeps): MutationResolvers['removeContact'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageContacts', principal);
    const current = await deps.customers.get(principal.tenantId, input.customerId);
    const contacts = remove(current.contacts ?? [], input.contactId);
    return { customer: await saveCustomerChange(deps, principal, current, { contacts, phoneKeys: phoneKeys(contacts) }, 'CONTACTS') };
  };
