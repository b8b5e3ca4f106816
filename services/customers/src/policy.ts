import { definePolicy, STAFF } from '@vinculo/common';

/** Who may do what in the customers subgraph (checked by every mutation; tested in policy.test). */
export const policy = definePolicy({
  readCustomers: [...STAFF, 'PARTNER'],
  registerCustomer: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'COMMERCIAL_CLERK', 'DIGITAL_SALES_AGENT', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
  assignPortfolio: ['SALES_TEAM_LEAD', 'ADMIN'],
});
