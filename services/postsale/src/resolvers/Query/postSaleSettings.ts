import { authorize, money } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { settingsOf } from '../../store/settings.model';
import { policy } from '../../policy';
import { procedureFee } from '../../domain/fees';
import { REQUEST_TYPES } from '../../domain/request';

export async function settingsView({ settings, tenantPolicy }: ResolverDeps, tenantId: string) {
  const { currency } = await tenantPolicy.policyFor(tenantId);
  const doc = await settingsOf(settings, tenantId);
  return { fees: REQUEST_TYPES.map((type) => ({ type, fee: money(procedureFee(type, doc?.feesMinor), currency) })) };
}

export const postSaleSettings =
  (deps: ResolverDeps): NonNullable<QueryResolvers['postSaleSettings']> =>
  (_parent, _args, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return settingsView(deps, ctx.principal.tenantId);
  };
