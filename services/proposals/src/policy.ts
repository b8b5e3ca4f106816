import { definePolicy, RECONCILIATION_READERS, STAFF, REPORTING_READERS } from '@vinculo/common';

/**
 * Who may do what in the proposals subgraph (DOMAIN.md §5). The commercial pipeline is staff only, no
 * partners. R-PRO-4: only the commercial director decides GO / NO_GO; only compliance reviews proposals
 * and records contracts / NDAs.
 */
export const policy = definePolicy({
  // Reporting extraction lists (issue #15): every entity of the tenant, for the reporting job and admins.
  readChanges: REPORTING_READERS,
  // The reconciliation report (issue #12): its section here is revenue-assurance data of the whole tenant.
  readReconciliation: RECONCILIATION_READERS,
  readProposals: STAFF,
  readIndicators: ['COMMERCIAL_DIRECTOR', 'SALES_TEAM_LEAD', 'ADMIN', 'REPORTING'],
  registerLead: ['COMMERCIAL_DIRECTOR', 'ADMIN'],
  qualifyLead: ['COMMERCIAL_DIRECTOR'],
  validateOpportunity: ['COMMERCIAL_DIRECTOR', 'PRESALES', 'COMMERCIAL_CLERK'],
  recordContribution: ['SERVICE_AREA', 'PRESALES', 'COMMERCIAL_DIRECTOR'],
  recordPartnerQuote: ['COMMERCIAL_DIRECTOR', 'PRESALES', 'ACCOUNT_EXECUTIVE'],
  recordSizing: ['COMMERCIAL_DIRECTOR', 'PRESALES'],
  decideBusinessCase: ['COMMERCIAL_DIRECTOR'],
  submitProposal: ['COMMERCIAL_DIRECTOR', 'PRESALES', 'ACCOUNT_EXECUTIVE'],
  reviewProposal: ['COMPLIANCE'],
  sendProposal: ['COMMERCIAL_DIRECTOR', 'ACCOUNT_EXECUTIVE'],
  recordClientReview: ['COMMERCIAL_DIRECTOR', 'ACCOUNT_EXECUTIVE'],
  markOpportunityLost: ['COMMERCIAL_DIRECTOR', 'ACCOUNT_EXECUTIVE'],
  formalizeAgreement: ['COMPLIANCE'],
  // Work queues (issue #15): leads of companies not customers yet wait for the director's qualification;
  // proposals under review wait for compliance (the director follows both).
  readLeadQueue: ['COMMERCIAL_DIRECTOR', 'ADMIN'],
  readComplianceQueue: ['COMPLIANCE', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
});
export type ProposalsAction = keyof typeof policy;
