import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('proposals: every role gets exactly the actions the policy table gives it', () => {
  expect(policyMismatches(policy, { readProposals: STAFF, registerLead: ['COMMERCIAL_DIRECTOR', 'ADMIN'] })).toEqual([]);
});
