import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('techsupport: every role gets exactly the actions the policy table gives it', () => {
  expect(policyMismatches(policy, {
    readWorkOrders: [...STAFF, 'PARTNER'],
    createWorkOrder: ['TECHNICAL_COORDINATOR', 'TECHNICAL_ANALYST', 'COMMERCIAL_CLERK', 'ADMIN'],
  })).toEqual([]);
});
