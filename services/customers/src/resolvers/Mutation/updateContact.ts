import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { phoneKeys, updateContact as update } from '../../domain/contact';
import { saveCustomerChange } from '../customer-change';

export const updateContact =
  (deps: ResolverDeps): MutationResolvers['updateContact'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageContacts', principal);
    const current = await deps.customers.get(principal.tenantId, input.customerId);
    const { customerId: _c, contactId, ...patch } = input;
    const contacts = update(current.contacts ?? [], contactId, patch);
    return { customer: await saveCustomerChange(deps, principal, current, { contacts, phoneKeys: phoneKeys(contacts) }, 'CONTACTS') };
  };
