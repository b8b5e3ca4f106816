import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('techsupport: every role gets exactly the actions the policy table gives it', () => {
  const coordination = ['TECHNICAL_COORDINATOR', 'ADMIN'] as const;
  const analysis = ['TECHNICAL_ANALYST', 'ADMIN'] as const;
  expect(policyMismatches(policy, {
    readReconciliation: ['ADMIN', 'COMMERCIAL_DIRECTOR'],
    readWorkOrders: [...STAFF, 'PARTNER'],
    createWorkOrder: ['TECHNICAL_COORDINATOR', 'TECHNICAL_ANALYST', 'COMMERCIAL_CLERK', 'ADMIN'],
    assignWorkOrder: [...coordination],
    startWorkOrder: [...coordination],
    escalateWorkOrder: [...coordination],
    closeWorkOrder: [...coordination],
    readNetwork: [...STAFF, 'PARTNER'],
    importNetworkNodes: [...coordination],
    readTickets: STAFF,
    registerDamageTicket: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK', 'TECHNICAL_COORDINATOR', 'TECHNICAL_ANALYST', 'ADMIN'],
    recordRemoteDiagnosis: [...analysis],
    resolveTicketRemotely: [...analysis],
    dispatchDamageTicket: ['TECHNICAL_COORDINATOR', 'TECHNICAL_ANALYST', 'ADMIN'],
    readPreventive: ['TECHNICAL_ANALYST', 'TECHNICAL_COORDINATOR', 'SALES_TEAM_LEAD', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
    recordPreventiveReview: [...analysis],
    decideFiberMigration: ['TECHNICAL_ANALYST', 'ACCOUNT_EXECUTIVE', 'ADMIN'],
    readVisits: STAFF,
    readCalendar: ['TECHNICAL_ANALYST', 'TECHNICAL_COORDINATOR', 'SALES_TEAM_LEAD', 'ADMIN'],
    requestSupportVisit: STAFF,
    recordVisitRemoteAttempt: [...analysis],
    scheduleSupportVisit: ['TECHNICAL_ANALYST', 'TECHNICAL_COORDINATOR', 'ADMIN'],
    recordEngineeringService: [...analysis],
    recordVisitQualityCall: ['ACCOUNT_EXECUTIVE', 'ADMIN'],
    readSettings: STAFF,
    updateSettings: ['ADMIN'],
  })).toEqual([]);
});
