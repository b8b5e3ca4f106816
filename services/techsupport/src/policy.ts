import { definePolicy, STAFF } from '@vinculo/common';

/** Who may do what in the technical-support subgraph. */
export const policy = definePolicy({
  readWorkOrders: [...STAFF, 'PARTNER'],
  createWorkOrder: ['TECHNICAL_COORDINATOR', 'TECHNICAL_ANALYST', 'COMMERCIAL_CLERK', 'ADMIN'],
});
