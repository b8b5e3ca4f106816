import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decidePolicyChange } from '../../domain/tenant-policy';
import { saveTenantChange } from '../tenant-change';

export const updateTenantPolicy =
  (deps: ResolverDeps): MutationResolvers['updateTenantPolicy'] =>
  async (_parent, { input }, ctx) => {
    authorize(policy, 'updateTenantPolicy', ctx.principal);
    const current = await deps.tenants.current(ctx);
    const { expectedVersion, ...patch } = input;
    const next = decidePolicyChange(current.policy, patch, current.currency);
    const { name, currency, country, timeZone } = current;
    return { tenant: await saveTenantChange(deps, ctx.principal, current, expectedVersion, { name, currency, country, timeZone, policy: next }) };
  };
