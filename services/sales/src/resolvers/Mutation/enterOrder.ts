import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { enterDigitalSaleOrder, enterSalesOrder } from '../../application/order-entry';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

/** A6 / §2 step 5: an order entered from an accepted offer or a digital request (application/order-entry.ts). */
export const enterOrderMutations = (deps: ResolverDeps): Required<Pick<MutationResolvers, 'enterSalesOrder' | 'enterDigitalSaleOrder'>> => ({
  enterSalesOrder: (_p, { input }, { principal }) => {
    authorize(policy, 'enterSalesOrder', principal);
    return enterSalesOrder(deps, principal, input);
  },
  enterDigitalSaleOrder: (_p, { input }, { principal }) => {
    authorize(policy, 'enterDigitalSaleOrder', principal);
    return enterDigitalSaleOrder(deps, principal, input);
  },
});
