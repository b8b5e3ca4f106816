import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideSettingsChange } from '../../domain/tenant';
import { saveTenantChange } from '../tenant-change';

export const configureTenant =
  (deps: ResolverDeps): MutationResolvers['configureTenant'] =>
  async (_parent, { input }, ctx) => {
    authorize(policy, 'configureTenant', ctx.principal);
    const current = await deps.tenants.current(ctx);
    const { expectedVersion, ...patch } = input;
    const { profile, policy: nextPolicy } = decideSettingsChange(current, current.policy, patch);
    return { tenant: await saveTenantChange(deps, ctx.principal, current, expectedVersion, { ...profile, policy: nextPolicy }) };
  };
