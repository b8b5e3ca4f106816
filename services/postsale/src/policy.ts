import { definePolicy, RECONCILIATION_READERS, STAFF, REPORTING_READERS } from '@vinculo/common';

/** Who may do what in the post-sale subgraph. */
export const policy = definePolicy({
  // Reporting extraction lists (issue #15): every entity of the tenant, for the reporting job and admins.
  readChanges: REPORTING_READERS,
  // The reconciliation report (issue #12): its section here is revenue-assurance data of the whole tenant.
  readReconciliation: RECONCILIATION_READERS,
  readPostsale: [...STAFF, 'PARTNER', 'REPORTING'],
  // The work queue (bandeja) lists every customer's requests: staff work, not an integration's.
  readWorkQueue: STAFF,
  registerInstalledProduct: ['COMMERCIAL_CLERK', 'ADMIN'],
  // Requests arrive by every channel: the clerk receives them, the executive too (suspensions, withdrawals).
  receivePostSaleRequest: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
  provideRequirements: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
  closeIncompleteRequest: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
  cancelPostSaleRequest: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
  // R-PS-H1: retention is the executive's conversation; the clerk records it when the customer is at the desk.
  recordRetentionOffer: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
  // Entering (digitación) is the clerk's act.
  enterPostSaleRequest: ['COMMERCIAL_CLERK', 'ADMIN'],
  // Seed 002 step 12.2: the clerk explains missing or damaged equipment for the warehouse.
  recordWithdrawalEquipmentNotes: ['COMMERCIAL_CLERK', 'ADMIN'],
  // Missing equipment brought back to an office afterwards: received at the clerk's desk.
  recordEquipmentReturned: ['COMMERCIAL_CLERK', 'ADMIN'],
  // The quality-control call is the executive's.
  recordQualityControlCall: ['ACCOUNT_EXECUTIVE', 'ADMIN'],
  answerPqr: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
  readPostSaleIndicators: ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'COMMERCIAL_CLERK', 'ADMIN', 'REPORTING'],
  reactivateExpiredSuspensions: ['ADMIN'],
  configurePostSaleFees: ['ADMIN'],
  // Work queue (issue #15): withdrawals whose equipment retrieval is under way, for the desk that receives it.
  // The bandeja in the caller's overview (Me.postSaleQueues): readable by staff, worked by these.
  workPostSaleRequests: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'ADMIN'],
  readWithdrawalEquipmentQueue: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
});
