import { DateScalar, DateTimeScalar } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { productDocuments, requestDocuments } from './documents';
import { installedProduct } from './Query/installedProduct';
import { postSaleRequest, postSaleRequestByNumber } from './Query/postSaleRequest';
import { postSaleRequests } from './Query/postSaleRequests';
import { postSaleIndicators } from './Query/postSaleIndicators';
import { postSaleIndicatorSeries } from './Query/postSaleIndicatorSeries';
import { postSaleSettings } from './Query/postSaleSettings';
import { registerInstalledProduct } from './Mutation/registerInstalledProduct';
import { requestMutations } from './Mutation/requests';
import { reactivateExpiredSuspensions } from './Mutation/reactivateExpiredSuspensions';
import { configurePostSaleFees } from './Mutation/configurePostSaleFees';
import { InstalledProduct, ProductChange } from './InstalledProduct';
import { CallDetailDetails, PlanChangeDetails, PostSaleRequest, RelocationDetails, RequestedCharge, WithdrawalDetails } from './PostSaleRequest';
import { Customer, SalesOrder } from './Customer';
import { Reconciliation } from './Reconciliation';
import { changesQueries } from './changes';
import { postSaleRequirements } from './Query/requirements';
import { dueAtResolvers, Me, workQueueQueries } from './work-queues';

/** The resolver map: one file per root field (or per aggregate's small group) and per type. A root field without its resolver fails tsc. */
export function createResolvers(deps: ResolverDeps): Resolvers {
  const Query: Required<QueryResolvers> = {
    ...changesQueries(deps),
    installedProduct: installedProduct(deps),
    postSaleRequest: postSaleRequest(deps),
    postSaleRequestByNumber: postSaleRequestByNumber(deps),
    postSaleRequests: postSaleRequests(deps),
    postSaleIndicators: postSaleIndicators(deps),
    postSaleIndicatorSeries: postSaleIndicatorSeries(deps),
    postSaleSettings: postSaleSettings(deps),
    postSaleRequirements: postSaleRequirements(deps),
    ...workQueueQueries(deps),
  };
  const Mutation: Required<MutationResolvers> = {
    registerInstalledProduct: registerInstalledProduct(deps),
    ...requestMutations(deps),
    reactivateExpiredSuspensions: reactivateExpiredSuspensions(deps),
    configurePostSaleFees: configurePostSaleFees(deps),
  };
  return {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    Query,
    Mutation,
    InstalledProduct: { ...InstalledProduct(deps), ...productDocuments(deps, deps.docs) },
    ProductChange: ProductChange(deps),
    PostSaleRequest: { ...PostSaleRequest(deps), ...requestDocuments(deps, deps.docs), ...dueAtResolvers(deps).PostSaleRequest },
    Me: Me(deps),
    RequestedCharge,
    PlanChangeDetails,
    CallDetailDetails,
    RelocationDetails: RelocationDetails(deps),
    WithdrawalDetails,
    Customer: Customer(deps),
    SalesOrder: SalesOrder(deps),
    Reconciliation: Reconciliation(deps),
  };
}
