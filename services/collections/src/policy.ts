import { definePolicy, RECONCILIATION_READERS, STAFF, REPORTING_READERS } from '@vinculo/common';

/** Who may do what in the collections subgraph. */
export const policy = definePolicy({
  // Reporting extraction lists (issue #15): every entity of the tenant, for the reporting job and admins.
  readChanges: REPORTING_READERS,
  // The reconciliation report (issue #12): its section here is revenue-assurance data of the whole tenant.
  readReconciliation: RECONCILIATION_READERS,
  // Accounts, invoices and payments: a payments partner finds the account it posts for and its open
  // invoices; the billing partner the accounts it imports for.
  readCollections: [...STAFF, 'PARTNER', 'REPORTING'],
  // The claims unit's queue lists every customer's complaints: staff work, not an integration's.
  readClaimsQueue: STAFF,
  openBillingAccount: ['COMMERCIAL_CLERK', 'ADMIN'],
  // The monthly run and the due-date job are back-office acts (a scheduler runs them as ADMIN).
  runBillingPeriod: ['COMMERCIAL_CLERK', 'ADMIN'],
  evaluateStandings: ['COMMERCIAL_CLERK', 'ADMIN'],
  // Cashier and clerks register payments; partners (banks, SIGEP gateway) post theirs.
  registerPayment: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN', 'PARTNER'],
  // Collection calls (§3 I) are the account executive's; the clerk records promises too.
  recordPaymentPromise: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
  registerBillingClaim: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
  informBillingClaimOutcome: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
  requestBillingClaimUrgency: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
  // Only the claims unit (UTAR) decides a claim.
  resolveBillingClaim: ['CLAIMS_UNIT', 'ADMIN'],
  readCollectionsIndicators: ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'COMMERCIAL_CLERK', 'ADMIN', 'REPORTING'],
  // Also the weekly promise follow-up list (R-COL-I1). An executive reads their own; leads, clerks and admins any executive's.
  readOverdueWorklist: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'COMMERCIAL_CLERK', 'ADMIN'],
  // §3 I: sending the pro-forma invoice and collection calls are the executive's (and the clerk's).
  recordInvoiceDelivery: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
  recordCollectionCall: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
  // The external billing system's integration (its token must also carry the billing:write scope).
  importInvoice: ['PARTNER', 'ADMIN'],
  // Work queues (issue #15): resolved claims wait for the call that tells the customer (§3 F), issued
  // invoices for their delivery (§3 I): the executive's and the clerk's work.
  readClaimsToTellQueue: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
  readInvoicesToDeliverQueue: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
});
