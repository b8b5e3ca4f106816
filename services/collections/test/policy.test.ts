import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('collections: every role gets exactly the actions the policy table gives it', () => {
  expect(policyMismatches(policy, { readCollections: [...STAFF, 'PARTNER'], openBillingAccount: ['COMMERCIAL_CLERK', 'ADMIN'] })).toEqual([]);
});
