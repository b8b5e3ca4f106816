import { authorize, byKeys, loader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { BillingAccountDoc } from '../../store/billing-account.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A billing account of the caller's tenant by id, batched per request. */
export const loadBillingAccount = ({ accounts }: ResolverDeps, ctx: RequestContext, id: string) =>
  loader<string, BillingAccountDoc>(ctx, 'billingAccountById', async (ids) =>
    byKeys(
      ids,
      await accounts.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } }).lean<BillingAccountDoc[]>(),
      (a) => a._id,
    ),
  ).load(id);

export const billingAccount =
  (deps: ResolverDeps): QueryResolvers['billingAccount'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return loadBillingAccount(deps, ctx, id);
  };
