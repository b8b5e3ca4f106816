import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

const EDITORS = ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'COMMERCIAL_CLERK', 'DIGITAL_SALES_AGENT', 'COMMERCIAL_DIRECTOR', 'ADMIN'] as const;

test('customers: every role gets exactly the actions the policy table gives it', () => {
  expect(policyMismatches(policy, {
    readReconciliation: ['ADMIN', 'COMMERCIAL_DIRECTOR'],
    readCustomers: [...STAFF, 'PARTNER'],
    registerCustomer: EDITORS,
    updateCustomerProfile: EDITORS,
    manageContacts: EDITORS,
    manageAddresses: EDITORS,
    // Who may assign portfolio.
    assignPortfolio: ['SALES_TEAM_LEAD', 'ADMIN'],
    readTenant: [...STAFF, 'PARTNER'],
    // Who may change policy: ADMIN only.
    configureTenant: ['ADMIN'],
    updateTenantPolicy: ['ADMIN'],
    // Who may manage staff: ADMIN only; every staff member reads the directory, partners do not.
    readStaff: STAFF,
    manageStaff: ['ADMIN'],
    readMonthlyPlans: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
    planMonth: ['SALES_TEAM_LEAD'],
    // Who may schedule visits: executives (their own) and leads (their team's).
    readVisits: STAFF,
    scheduleVisit: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
    recordVisitOutcome: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
    cancelVisit: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
    // Who may mark and clear impediments (R-DIG-1): not the executive who sells, not partners.
    manageImpediments: ['COMMERCIAL_CLERK', 'TECHNICAL_COORDINATOR', 'SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
    recordInteraction: STAFF,
    recordLoyaltyCall: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
    readLoyaltyCalls: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'TECHNICAL_COORDINATOR', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
    readChurnAnalysis: ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
  })).toEqual([]);
});
