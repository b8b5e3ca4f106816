import { definePolicy, STAFF } from '@vinculo/common';

/** Who may do what in the collections subgraph. */
export const policy = definePolicy({
  readCollections: [...STAFF, 'PARTNER'],
  openBillingAccount: ['COMMERCIAL_CLERK', 'ADMIN'],
});
