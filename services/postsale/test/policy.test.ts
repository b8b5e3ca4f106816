import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('postsale: every role gets exactly the actions the policy table gives it', () => {
  expect(
    policyMismatches(policy, {
      readReconciliation: ['ADMIN', 'COMMERCIAL_DIRECTOR'],
      readPostsale: [...STAFF, 'PARTNER'],
      registerInstalledProduct: ['COMMERCIAL_CLERK', 'ADMIN'],
      receivePostSaleRequest: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
      provideRequirements: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
      closeIncompleteRequest: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
      cancelPostSaleRequest: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
      recordRetentionOffer: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'ADMIN'],
      enterPostSaleRequest: ['COMMERCIAL_CLERK', 'ADMIN'],
      recordWithdrawalEquipmentNotes: ['COMMERCIAL_CLERK', 'ADMIN'],
      recordQualityControlCall: ['ACCOUNT_EXECUTIVE', 'ADMIN'],
      answerPqr: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
      readPostSaleIndicators: ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'COMMERCIAL_CLERK', 'ADMIN'],
      reactivateExpiredSuspensions: ['ADMIN'],
      configurePostSaleFees: ['ADMIN'],
    }),
  ).toEqual([]);
});
