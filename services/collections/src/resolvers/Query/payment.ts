import { authorize, byKeys, loader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { PaymentDoc } from '../../store/payment.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A payment of the caller's tenant by id, batched per request. */
export const loadPayment = ({ payments }: ResolverDeps, ctx: RequestContext, id: string) =>
  loader<string, PaymentDoc>(ctx, 'paymentById', async (ids) =>
    byKeys(ids, await payments.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } }).lean<PaymentDoc[]>(), (p) => p._id),
  ).load(id);

export const payment =
  (deps: ResolverDeps): QueryResolvers['payment'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return loadPayment(deps, ctx, id);
  };
