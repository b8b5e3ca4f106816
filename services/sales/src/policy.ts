import { definePolicy, STAFF } from '@vinculo/common';

/** Who may do what in the sales subgraph. */
export const policy = definePolicy({
  readSales: [...STAFF, 'PARTNER'],
  placeSalesOrder: ['COMMERCIAL_CLERK', 'DIGITAL_SALES_AGENT', 'SALES_TEAM_LEAD', 'ADMIN'],
});
