import type { PreventiveReviewResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { byIdLoader, money } from '@vinculo/common';
import { loadWorkOrder } from './Query/workOrder';
import { readAs, ref, ticketFor } from './read';

export const PreventiveReview = (deps: ResolverDeps): PreventiveReviewResolvers => ({
  __resolveReference: (r, ctx) => readAs(ctx, 'readPreventive', () => byIdLoader(deps.reviews, 'reviewById')(ctx, r.id)),
  id: (r) => r._id,
  customer: (r) => ({ id: r.customerId }),
  installedProduct: (r) => ref(r.installedProductId),
  feasibility: (r) => r.feasibility,
  excessCableCost: (r) => (r.excessCableMinor === null ? null : money(r.excessCableMinor, r.currency)),
  ticket: (r, _a, ctx) => (r.ticketId ? ticketFor(deps, ctx, r.ticketId) : null),
  workOrder: (r, _a, ctx) => (r.workOrderId ? loadWorkOrder(deps, ctx, r.workOrderId) : null),
  qualityCall: (r) => r.qualityCall ?? null,
  qualityTicket: (r, _a, ctx) => (r.qualityTicketId ? ticketFor(deps, ctx, r.qualityTicketId) : null),
});
