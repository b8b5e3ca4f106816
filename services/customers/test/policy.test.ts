import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('customers: every role gets exactly the actions the policy table gives it', () => {
  expect(policyMismatches(policy, {
    readCustomers: [...STAFF, 'PARTNER'],
    registerCustomer: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'COMMERCIAL_CLERK', 'DIGITAL_SALES_AGENT', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
    assignPortfolio: ['SALES_TEAM_LEAD', 'ADMIN'],
  })).toEqual([]);
});
