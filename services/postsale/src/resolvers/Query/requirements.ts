import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { requiredDocuments } from '../../domain/requirements';

/**
 * Requirements known in advance (issue 15): the documents a request of `type` needs from this customer,
 * from the same table receivePostSaleRequest checks — so the clerk asks for them before receiving it.
 */
export const postSaleRequirements =
  (deps: ResolverDeps): NonNullable<QueryResolvers['postSaleRequirements']> =>
  async (_parent, { customerId, type, carrier }, ctx) => {
    authorize(policy, 'readWorkQueue', ctx.principal);
    const customer = await deps.directory.require(ctx.principal.tenantId, customerId);
    return { type, customerKind: customer.kind, documents: requiredDocuments(type, customer.kind, { carrier: carrier ?? null }) };
  };
