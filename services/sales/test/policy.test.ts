import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('sales: every role gets exactly the actions the policy table gives it', () => {
  expect(policyMismatches(policy, {
    readSales: [...STAFF, 'PARTNER'],
    placeSalesOrder: ['COMMERCIAL_CLERK', 'DIGITAL_SALES_AGENT', 'SALES_TEAM_LEAD', 'ADMIN'],
  })).toEqual([]);
});
