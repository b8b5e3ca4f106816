import { authorize, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A payment of the caller's tenant by id, batched per request. */
export const loadPayment = ({ payments }: ResolverDeps, ctx: RequestContext, id: string) =>
  byIdLoader(payments, 'paymentById')(ctx, id);

export const payment =
  (deps: ResolverDeps): QueryResolvers['payment'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return loadPayment(deps, ctx, id);
  };
