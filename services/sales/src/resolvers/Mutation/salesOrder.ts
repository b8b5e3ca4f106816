import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { checkSalesOrderEntry, correctSalesOrderEntry, placeSalesOrder, recordSalesQualityCall } from '../../application/sales-order';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

export const salesOrderMutations = (
  deps: ResolverDeps,
): Required<Pick<MutationResolvers, 'placeSalesOrder' | 'checkSalesOrderEntry' | 'correctSalesOrderEntry' | 'recordSalesQualityCall'>> => ({
  placeSalesOrder: async (_p, { input }, { principal }) => {
    authorize(policy, 'placeSalesOrder', principal);
    return { salesOrder: await placeSalesOrder(deps, principal, input) };
  },
  // A7: entry checks and corrections are the clerk's.
  checkSalesOrderEntry: async (_p, { input }, { principal }) => {
    authorize(policy, 'enterSalesOrder', principal);
    return { salesOrder: await checkSalesOrderEntry(deps, principal, input) };
  },
  correctSalesOrderEntry: async (_p, { input }, { principal }) => {
    authorize(policy, 'enterSalesOrder', principal);
    return { salesOrder: await correctSalesOrderEntry(deps, principal, input) };
  },
  recordSalesQualityCall: async (_p, { input }, { principal }) => {
    authorize(policy, 'recordQualityCall', principal);
    return { salesOrder: await recordSalesQualityCall(deps, principal, input) };
  },
});
