import { definePolicy, STAFF } from '@vinculo/common';

/** Customer editors: whoever may register a customer may also keep its profile, contacts and addresses. */
const CUSTOMER_EDITORS = ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'COMMERCIAL_CLERK', 'DIGITAL_SALES_AGENT', 'COMMERCIAL_DIRECTOR', 'ADMIN'] as const;

/** Who may do what in the customers subgraph (checked by every resolver; tested in policy.test). */
export const policy = definePolicy({
  readCustomers: [...STAFF, 'PARTNER'],
  registerCustomer: CUSTOMER_EDITORS,
  updateCustomerProfile: CUSTOMER_EDITORS,
  manageContacts: CUSTOMER_EDITORS,
  manageAddresses: CUSTOMER_EDITORS,
  assignPortfolio: ['SALES_TEAM_LEAD', 'ADMIN'],
  // Currency and time zone matter to integrations too.
  readTenant: [...STAFF, 'PARTNER'],
  configureTenant: ['ADMIN'],
  updateTenantPolicy: ['ADMIN'],
  readStaff: STAFF,
  manageStaff: ['ADMIN'],
  // An ACCOUNT_EXECUTIVE reads only their own plan (checked in the resolver).
  readMonthlyPlans: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
  planMonth: ['SALES_TEAM_LEAD'],
  readVisits: STAFF,
  // Their own schedule, or a lead their team's (checked by domain/visit decideVisitor).
  scheduleVisit: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
  recordVisitOutcome: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
  cancelVisit: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
});
