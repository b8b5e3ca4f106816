import type { DamageTicketResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { loadWorkOrder } from './Query/workOrder';
import { loadTicket } from './Query/tickets';
import { ref, ticketFor } from './read';

export const DamageTicket = (deps: ResolverDeps): DamageTicketResolvers => ({
  __resolveReference: (r, ctx) => ticketFor(deps, ctx, r.id),
  id: (t) => t._id,
  customer: (t) => ({ id: t.customerId }),
  installedProduct: (t) => ref(t.installedProductId),
  reiteratedFrom: (t, _a, ctx) => (t.reiteratedFrom ? loadTicket(deps, ctx, t.reiteratedFrom) : null),
  workOrder: (t, _a, ctx) => (t.workOrderId ? loadWorkOrder(deps, ctx, t.workOrderId) : null),
  qualityCall: (t) => t.qualityCall ?? null,
  qualityTicket: (t, _a, ctx) => (t.qualityTicketId ? loadTicket(deps, ctx, t.qualityTicketId) : null),
  diagnosis: (t) => t.diagnosis,
  followUps: (t) => t.followUps.map(({ at, by, note }) => ({ at, by, note })),
});
