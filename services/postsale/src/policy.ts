import { definePolicy, STAFF } from '@vinculo/common';

/** Who may do what in the post-sale subgraph. */
export const policy = definePolicy({
  readPostsale: [...STAFF, 'PARTNER'],
  registerInstalledProduct: ['COMMERCIAL_CLERK', 'ADMIN'],
});
