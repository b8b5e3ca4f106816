import { definePolicy, STAFF } from '@vinculo/common';

/** Who may do what in the proposals subgraph. Leads are commercial pipeline: staff only, no partners. */
export const policy = definePolicy({
  readProposals: STAFF,
  registerLead: ['COMMERCIAL_DIRECTOR', 'ADMIN'],
});
