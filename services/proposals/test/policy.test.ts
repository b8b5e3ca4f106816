import { policy } from '../src/policy';

// Who may do what, role by role, is checked through the running graph by the policy matrix
// (schemas/policy-matrix.md, test/e2e/policy-matrix.test.ts); this file keeps the rule.
test('R-PRO-4 only the commercial director decides GO / NO_GO; only compliance reviews proposals', () => {
  expect(policy.decideBusinessCase).toEqual(['COMMERCIAL_DIRECTOR']);
  expect(policy.reviewProposal).toEqual(['COMPLIANCE']);
});
