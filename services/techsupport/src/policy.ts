import { definePolicy, RECONCILIATION_READERS, STAFF, type Role, REPORTING_READERS } from '@vinculo/common';

const COORDINATION: Role[] = ['TECHNICAL_COORDINATOR', 'ADMIN'];
const ANALYSIS: Role[] = ['TECHNICAL_ANALYST', 'ADMIN'];

/** Who may do what in the technical-support subgraph. */
export const policy = definePolicy({
  // Reporting extraction lists (issue #15): every entity of the tenant, for the reporting job and admins.
  readChanges: REPORTING_READERS,
  // The reconciliation report (issue #12): its section here is revenue-assurance data of the whole tenant.
  readReconciliation: RECONCILIATION_READERS,
  readWorkOrders: [...STAFF, 'PARTNER', 'REPORTING'],
  createWorkOrder: ['TECHNICAL_COORDINATOR', 'TECHNICAL_ANALYST', 'COMMERCIAL_CLERK', 'ADMIN'],
  assignWorkOrder: COORDINATION,
  startWorkOrder: COORDINATION,
  escalateWorkOrder: COORDINATION,
  closeWorkOrder: COORDINATION,
  readNetwork: [...STAFF, 'PARTNER', 'REPORTING'],
  importNetworkNodes: COORDINATION,
  readTickets: STAFF,
  // Issue #15: the coordinator routes open damage tickets to people.
  assignDamageTicket: COORDINATION,
  // Work queues (issue #15): the open tickets are the coordinator's and the analysts' desk; visits to
  // book are theirs too (scheduleSupportVisit).
  readTicketQueue: ['TECHNICAL_COORDINATOR', 'TECHNICAL_ANALYST', 'ADMIN'],
  readVisitQueue: ['TECHNICAL_ANALYST', 'TECHNICAL_COORDINATOR', 'ADMIN'],
  registerDamageTicket: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'TECHNICAL_COORDINATOR', 'TECHNICAL_ANALYST', 'ADMIN'],
  recordRemoteDiagnosis: ANALYSIS,
  resolveTicketRemotely: ANALYSIS,
  dispatchDamageTicket: ['TECHNICAL_COORDINATOR', 'TECHNICAL_ANALYST', 'ADMIN'],
  // §3 E.12 closes the coordinator's part of a repair with the call; §3 J.11 has the executive make it.
  recordRepairQualityCall: ['TECHNICAL_COORDINATOR', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
  readPreventive: ['TECHNICAL_ANALYST', 'TECHNICAL_COORDINATOR', 'SALES_TEAM_LEAD', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
  recordPreventiveReview: ANALYSIS,
  decideFiberMigration: ['TECHNICAL_ANALYST', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
  // §3 K.17: the executive calls the customer after the migration.
  recordMigrationQualityCall: ['ACCOUNT_EXECUTIVE', 'ADMIN'],
  readVisits: STAFF,
  readCalendar: ['TECHNICAL_ANALYST', 'TECHNICAL_COORDINATOR', 'SALES_TEAM_LEAD', 'ADMIN'],
  requestSupportVisit: STAFF,
  recordVisitRemoteAttempt: ANALYSIS,
  scheduleSupportVisit: ['TECHNICAL_ANALYST', 'TECHNICAL_COORDINATOR', 'ADMIN'],
  recordEngineeringService: ANALYSIS,
  // §3 L.8: the analyst checks the calendar's attended customers and calls them.
  recordVisitQualityCall: ANALYSIS,
  readSettings: STAFF,
  updateSettings: ['ADMIN'],
});
export type TechsupportAction = keyof typeof policy;
