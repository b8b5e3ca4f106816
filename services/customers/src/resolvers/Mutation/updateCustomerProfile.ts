import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideProfileChange } from '../../domain/customer-profile';
import { saveCustomerChange } from '../customer-change';

export const updateCustomerProfile =
  (deps: ResolverDeps): MutationResolvers['updateCustomerProfile'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'updateCustomerProfile', principal);
    const current = await deps.customers.get(principal.tenantId, input.customerId);
    const { customerId: _id, ...patch } = input;
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
    const set = { ...profile, nameKey: profile.name.toLowerCase(), tradeNameKey: profile.tradeName?.toLowerCase() ?? null };
    return { customer: await saveCustomerChange(deps, principal, current, set, 'PROFILE') };
  };
