import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('postsale: every role gets exactly the actions the policy table gives it', () => {
  expect(policyMismatches(policy, { readPostsale: [...STAFF, 'PARTNER'], registerInstalledProduct: ['COMMERCIAL_CLERK', 'ADMIN'] })).toEqual([]);
});
