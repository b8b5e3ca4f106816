import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { removeAddress as remove } from '../../domain/address';
import { saveCustomerChange } from '../customer-change';

export const removeAddress =
  (deps: ResolverDeps): MutationResolvers['removeAddress'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageAddresses', principal);
    const current = await deps.customers.get(principal.tenantId, input.customerId);
    const addresses = remove(current.addresses ?? [], input.addressId);
    return { customer: await saveCustomerChange(deps, principal, current, { addresses }, 'ADDRESSES') };
  };
