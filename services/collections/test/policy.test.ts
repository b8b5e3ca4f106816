import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('collections: every role gets exactly the actions the policy table gives it', () => {
  expect(
    policyMismatches(policy, {
      readReconciliation: ['ADMIN', 'COMMERCIAL_DIRECTOR'],
      readCollections: [...STAFF, 'PARTNER'],
      openBillingAccount: ['COMMERCIAL_CLERK', 'ADMIN'],
      runBillingPeriod: ['COMMERCIAL_CLERK', 'ADMIN'],
      evaluateStandings: ['COMMERCIAL_CLERK', 'ADMIN'],
      registerPayment: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN', 'PARTNER'],
      recordPaymentPromise: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
      registerBillingClaim: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
      informBillingClaimOutcome: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
      requestBillingClaimUrgency: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
      resolveBillingClaim: ['CLAIMS_UNIT', 'ADMIN'],
      readCollectionsIndicators: ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'COMMERCIAL_CLERK', 'ADMIN'],
      readOverdueWorklist: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'COMMERCIAL_CLERK', 'ADMIN'],
      recordInvoiceDelivery: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
      recordCollectionCall: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
      importInvoice: ['PARTNER', 'ADMIN'],
    }),
  ).toEqual([]);
});
