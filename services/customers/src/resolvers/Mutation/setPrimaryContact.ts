import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { setPrimaryContact as setPrimary } from '../../domain/contact';
import { saveCustomerChange } from '../customer-change';

export const setPrimaryContact =
  (deps: ResolverDeps): MutationResolvers['setPrimaryContact'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageContacts', principal);
    const current = await deps.customers.get(principal.tenantId, input.customerId);
    const contacts = setPrimary(current.contacts ?? [], input.contactId);
    if (!contacts) return { customer: current };
    return { customer: await saveCustomerChange(deps, principal, current, { contacts }, 'CONTACTS') };
  };
