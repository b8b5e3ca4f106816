import { DateScalar, DateTimeScalar } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import { salesQueues } from '../application/work-queues';
import type { ResolverDeps } from './deps';
import { catalogQueries } from './Query/catalog';
import { changesQueries } from './Query/changes';
import { digitalSaleRequest } from './Query/digitalSaleRequest';
import { reportQueries } from './Query/reports';
import { saleProject } from './Query/saleProject';
import { salesOrderQueries } from './Query/salesOrder';
import { workQueueQueries } from './Query/workQueues';
import { catalogMutations } from './Mutation/catalog';
import { digitalSaleMutations } from './Mutation/digitalSale';
import { enterOrderMutations } from './Mutation/enterOrder';
import { saleProjectMutations } from './Mutation/saleProject';
import { salesOrderMutations } from './Mutation/salesOrder';
import { setSalesTarget } from './Mutation/setSalesTarget';
import { Customer } from './Customer';
import { DigitalSaleRequest } from './DigitalSaleRequest';
import { Employee } from './Employee';
import { Me } from './Me';
import { NewNeed } from './NewNeed';
import { Plan, Promotion } from './Plan';
import { Reconciliation } from './Reconciliation';
import { SaleProject } from './SaleProject';
import { SalesOrder } from './SalesOrder';

/**
 * The sales resolvers: one file per root field (or small group acting on one aggregate) under Query/ and
 * Mutation/, one per type. The root maps are `Required`: a root field of the SDL without its resolver fails tsc.
 */
export function createResolvers(deps: ResolverDeps): Resolvers {
  const queues = salesQueues(deps);
  const Query: Required<QueryResolvers> = {
    ...changesQueries(deps),
    ...salesOrderQueries(deps),
    saleProject: saleProject(deps),
    digitalSaleRequest: digitalSaleRequest(deps),
    ...catalogQueries(deps),
    ...reportQueries(deps),
    ...workQueueQueries(deps, queues),
  };
  const Mutation: Required<MutationResolvers> = {
    ...salesOrderMutations(deps),
    ...catalogMutations(deps),
    ...saleProjectMutations(deps),
    ...enterOrderMutations(deps),
    ...digitalSaleMutations(deps),
    setSalesTarget: setSalesTarget(deps),
  };
  return {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    Query,
    Mutation,
    Plan: Plan(deps),
    Promotion: Promotion(deps),
    SaleProject: SaleProject(deps),
    SalesOrder: SalesOrder(deps, queues),
    DigitalSaleRequest: DigitalSaleRequest(deps, queues),
    Me: Me(queues),
    Customer: Customer(deps),
    NewNeed: NewNeed(deps),
    Employee: Employee(deps),
    Reconciliation: Reconciliation(deps),
  };
}
