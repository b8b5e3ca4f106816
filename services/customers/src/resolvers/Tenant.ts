import { money } from '@vinculo/common';
import type { TenantPolicyResolvers, TenantResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';

export const Tenant = ({ tenants }: ResolverDeps): TenantResolvers => ({
  // Only the caller's own tenant resolves: no query ever crosses tenants.
  __resolveReference: (ref, ctx) => (ref.id === ctx.principal.tenantId ? tenants.current(ctx) : null),
  id: (t) => t.tenantId,
  policy: (t) => ({ ...t.policy, currency: t.currency }),
});

export const TenantPolicy: TenantPolicyResolvers = {
  callDetailFeePerPreviousMonth: (p) => money(p.callDetailFeePerPreviousMonthMinor, p.currency),
  multiBasicTelephonyAmount: (p) => money(p.multiBasicTelephonyAmountMinor, p.currency),
};
