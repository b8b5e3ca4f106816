import { authorize, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** An invoice of the caller's tenant by id, batched per request. */
export const loadInvoice = ({ invoices }: ResolverDeps, ctx: RequestContext, id: string) =>
  byIdLoader(invoices, 'invoiceById')(ctx, id);

export const invoice =
  (deps: ResolverDeps): QueryResolvers['invoice'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return loadInvoice(deps, ctx, id);
  };
