import { authorize } from '@vinculo/common';
import type { QueryResolvers, MeResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/**
 * The signed-in person, as a front end needs it first: who (the token's subject and the staff record
 * registered with it), the roles in force (the token's, narrowed by the staff registry), the team, and
 * the tenant with its policy. A machine caller (PARTNER, REPORTING) or an ADMIN bootstrapping a tenant
 * has no employee record: `employee` is null, the rest answers.
 */
/** What `me` resolves to; employee, tenant and policy are resolved from it. */
export interface MeParent {
  userId: string;
  tenantId: string;
  roles: string[];
  scopes: string[];
}

export const me = (): Required<QueryResolvers>['me'] => (_parent, _args, ctx) => {
  authorize(policy, 'readMe', ctx.principal);
  const { userId, tenantId, roles, scopes } = ctx.principal;
  return { userId, tenantId, roles: [...roles], scopes: [...scopes] };
};

export const Me = ({ employees, tenants }: ResolverDeps): MeResolvers => ({
  // Another subgraph's fields on Me come back with the caller's key: it is only ever the caller.
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readMe', ctx.principal);
    const { userId, tenantId, roles, scopes } = ctx.principal;
    if (ref.userId !== userId) return null;
    return { userId, tenantId, roles: [...roles], scopes: [...scopes] };
  },
  employee: (m, _a, ctx) => employees.load(ctx, m.userId),
  tenant: (_m, _a, ctx) => tenants.current(ctx),
  policy: async (_m, _a, ctx) => {
    const t = await tenants.current(ctx);
    return { ...t.policy, currency: t.currency };
  },
});
