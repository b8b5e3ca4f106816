import { authorize, byKeys, loader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { InvoiceDoc } from '../../store/invoice.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** An invoice of the caller's tenant by id, batched per request. */
export const loadInvoice = ({ invoices }: ResolverDeps, ctx: RequestContext, id: string) =>
  loader<string, InvoiceDoc>(ctx, 'invoiceById', async (ids) =>
    byKeys(ids, await invoices.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } }).lean<InvoiceDoc[]>(), (i) => i._id),
  ).load(id);

export const invoice =
  (deps: ResolverDeps): QueryResolvers['invoice'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return loadInvoice(deps, ctx, id);
  };
