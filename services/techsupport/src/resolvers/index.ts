import { DateScalar, DateTimeScalar } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { workOrder, workOrders } from './Query/workOrder';
import { networkNode, networkNodes, technicalFeasibility } from './Query/network';
import { damageTicket } from './Query/tickets';
import { preventiveDailyReport, preventiveReviewList } from './Query/preventive';
import { supportCalendar, supportVisit } from './Query/visits';
import { techsupportSettings } from './Query/settings';
import { createWorkOrder } from './Mutation/createWorkOrder';
import { assignWorkOrder, closeWorkOrder, escalateWorkOrder, startWorkOrder } from './Mutation/workOrders';
import { importNetworkNodes } from './Mutation/importNetworkNodes';
import {
  assignDamageTicket,
  dispatchDamageTicket,
  recordRemoteDiagnosis,
  recordRepairQualityCall,
  registerDamageTicket,
  resolveTicketRemotely,
} from './Mutation/tickets';
import { decideFiberMigration, recordMigrationQualityCall, recordPreventiveReview } from './Mutation/preventive';
import { recordEngineeringService, recordVisitQualityCall, recordVisitRemoteAttempt, requestSupportVisit, scheduleSupportVisit } from './Mutation/visits';
import { updateTechsupportSettings } from './Mutation/updateTechsupportSettings';
import { WorkOrder } from './WorkOrder';
import { NetworkNode } from './NetworkNode';
import { Feasibility } from './Feasibility';
import { DamageTicket } from './DamageTicket';
import { PreventiveReview } from './PreventiveReview';
import { PreventiveReviewItem } from './PreventiveReviewItem';
import { PortfolioProduct } from './PortfolioProduct';
import { SupportVisit } from './SupportVisit';
import { TechsupportSettings } from './TechsupportSettings';
import { Customer } from './Customer';
import { SalesOrder } from './SalesOrder';
import { InstalledProduct } from './InstalledProduct';
import { Reconciliation } from './Reconciliation';
import { changesQueries } from './changes';
import { damageTicketQueue, dueAtResolvers, Me, supportVisitsToSchedule } from './Query/work-queues';

/** The resolver map: one file per root field (or per aggregate's small group) and per type. A root field without its resolver fails tsc. */
export function createResolvers(deps: ResolverDeps): Resolvers {
  const Query: Required<QueryResolvers> = {
    ...changesQueries(deps),
    workOrder: workOrder(deps),
    workOrders: workOrders(deps),
    networkNode: networkNode(deps),
    networkNodes: networkNodes(deps),
    technicalFeasibility: technicalFeasibility(deps),
    damageTicket: damageTicket(deps),
    damageTicketQueue: damageTicketQueue(deps),
    supportVisitsToSchedule: supportVisitsToSchedule(deps),
    preventiveReviewList: preventiveReviewList(deps),
    preventiveDailyReport: preventiveDailyReport(deps),
    supportVisit: supportVisit(deps),
    supportCalendar: supportCalendar(deps),
    techsupportSettings: techsupportSettings(deps),
  };
  const Mutation: Required<MutationResolvers> = {
    createWorkOrder: createWorkOrder(deps),
    assignWorkOrder: assignWorkOrder(deps),
    startWorkOrder: startWorkOrder(deps),
    escalateWorkOrder: escalateWorkOrder(deps),
    closeWorkOrder: closeWorkOrder(deps),
    importNetworkNodes: importNetworkNodes(deps),
    registerDamageTicket: registerDamageTicket(deps),
    recordRemoteDiagnosis: recordRemoteDiagnosis(deps),
    resolveTicketRemotely: resolveTicketRemotely(deps),
    dispatchDamageTicket: dispatchDamageTicket(deps),
    assignDamageTicket: assignDamageTicket(deps),
    recordRepairQualityCall: recordRepairQualityCall(deps),
    recordPreventiveReview: recordPreventiveReview(deps),
    decideFiberMigration: decideFiberMigration(deps),
    recordMigrationQualityCall: recordMigrationQualityCall(deps),
    requestSupportVisit: requestSupportVisit(deps),
    recordVisitRemoteAttempt: recordVisitRemoteAttempt(deps),
    scheduleSupportVisit: scheduleSupportVisit(deps),
    recordEngineeringService: recordEngineeringService(deps),
    recordVisitQualityCall: recordVisitQualityCall(deps),
    updateTechsupportSettings: updateTechsupportSettings(deps),
  };
  // Queue items carry their dueAt while they wait (issue #15).
  const due = dueAtResolvers(deps);
  return {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    Query,
    Mutation,
    WorkOrder: WorkOrder(deps),
    NetworkNode: NetworkNode(deps),
    Feasibility: Feasibility(deps),
    DamageTicket: { ...DamageTicket(deps), ...due.DamageTicket },
    PreventiveReview: PreventiveReview(deps),
    PreventiveReviewItem: PreventiveReviewItem(),
    PortfolioProduct: PortfolioProduct(),
    SupportVisit: { ...SupportVisit(deps), ...due.SupportVisit },
    TechsupportSettings: TechsupportSettings(deps),
    Customer: Customer(deps),
    SalesOrder: SalesOrder(deps),
    InstalledProduct: InstalledProduct(deps),
    Me: Me(deps),
    Reconciliation: Reconciliation(deps),
  };
}
