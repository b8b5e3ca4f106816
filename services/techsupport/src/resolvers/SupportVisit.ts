import type { SupportVisitResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { loadWorkOrder } from './Query/workOrder';
import { loadVisit } from './Query/visits';
import { readAs, ref, ticketFor } from './read';

export const SupportVisit = (deps: ResolverDeps): SupportVisitResolvers => ({
  __resolveReference: (r, ctx) => readAs(ctx, 'readVisits', () => loadVisit(deps, ctx, r.id)),
  id: (v) => v._id,
  customer: (v) => ({ id: v.customerId }),
  installedProduct: (v) => ref(v.installedProductId),
  channel: (v) => v.channel,
  workOrder: (v, _a, ctx) => (v.workOrderId ? loadWorkOrder(deps, ctx, v.workOrderId) : null),
  engineeringRecord: (v) => v.engineeringRecord,
  ticket: (v, _a, ctx) => (v.ticketId ? ticketFor(deps, ctx, v.ticketId) : null),
});
