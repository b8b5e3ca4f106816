import type { PreventiveReviewItemResolvers } from '../__generated__/resolvers-types';

export const PreventiveReviewItem = (): PreventiveReviewItemResolvers => ({
  customer: (i) => ({ id: i.customer._id }),
  customerName: (i) => i.customer.name,
});
