import { DateScalar, DateTimeScalar } from '@vinculo/common';
import type { Resolvers } from '../__generated__/resolvers-types';
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
import { assignDamageTicket, dispatchDamageTicket, recordRemoteDiagnosis, recordRepairQualityCall, registerDamageTicket, resolveTicketRemotely } from './Mutation/tickets';
import { decideFiberMigration, recordMigrationQualityCall, recordPreventiveReview } from './Mutation/preventive';
import { recordEngineeringService, recordVisitQualityCall, recordVisitRemoteAttempt, requestSupportVisit, scheduleSupportVisit } from './Mutation/visits';
import { updateTechsupportSettings } from './Mutation/updateTechsupportSettings';
import { typeResolvers } from './types';
import { Reconciliation } from './Reconciliation';
import { changesQueries } from './changes';
import { damageTicketQueue, dueAtResolvers, Me, supportVisitsToSchedule } from './Query/work-queues';

/** The type resolvers with each queue item's dueAt added (issue #15). */
function withDueAt<T extends { DamageTicket?: object; SupportVisit?: object }>(types: T, due: ReturnType<typeof dueAtResolvers>): T {
  return { ...types, DamageTicket: { ...types.DamageTicket, ...due.DamageTicket }, SupportVisit: { ...types.SupportVisit, ...due.SupportVisit } };
}

export function createResolvers(deps: ResolverDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    Query: {
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
    },
    Mutation: {
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
    },
    ...withDueAt(typeResolvers(deps), dueAtResolvers(deps)),
    Me: Me(deps),
    Reconciliation: Reconciliation(deps),
  };
}
