import { authorize, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { addAddress as add } from '../../domain/address';
import { saveCustomerChange } from '../customer-change';

export const addAddress =
  (deps: ResolverDeps): MutationResolvers['addAddress'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageAddresses', principal);
    const current = await deps.customers.get(principal.tenantId, input.customerId);
    const { customerId: _c, ...fields } = input;
    const addresses = add(current.addresses ?? [], newId('adr'), fields);
    return { customer: await saveCustomerChange(deps, principal, current, { addresses }, 'ADDRESSES') };
  };
