import { authorize, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A billing account of the caller's tenant by id, batched per request. */
export const loadBillingAccount = ({ accounts }: ResolverDeps, ctx: RequestContext, id: string) =>
  byIdLoader(accounts, 'billingAccountById')(ctx, id);

export const billingAccount =
  (deps: ResolverDeps): QueryResolvers['billingAccount'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return loadBillingAccount(deps, ctx, id);
  };
