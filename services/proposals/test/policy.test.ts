import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('proposals: every role gets exactly the actions the policy table gives it', () => {
  expect(
    policyMismatches(policy, {
      readReconciliation: ['ADMIN', 'COMMERCIAL_DIRECTOR'],
      readProposals: STAFF,
      readIndicators: ['COMMERCIAL_DIRECTOR', 'SALES_TEAM_LEAD', 'ADMIN'],
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
    }),
  ).toEqual([]);
});

test('R-PRO-4 only the commercial director decides GO / NO_GO; only compliance reviews proposals', () => {
  expect(policy.decideBusinessCase).toEqual(['COMMERCIAL_DIRECTOR']);
  expect(policy.reviewProposal).toEqual(['COMPLIANCE']);
});
