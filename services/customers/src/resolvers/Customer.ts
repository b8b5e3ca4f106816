import { authorize, badInput } from '@vinculo/common';
import { policy } from '../policy';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { primaryOf } from '../domain/contact';
import { impedimentCheck } from '../domain/eligibility';

// Customers stored before a field existed read it as empty (lean reads apply no defaults).
export const Customer = ({ customers, employees, eligibility, timeline }: ResolverDeps): CustomerResolvers => ({
  __resolveReference: (ref, ctx) => customers.load(ctx, ref.id),
  id: (c) => c._id,
  history: (c) => c.history ?? [],
  contacts: (c) => [...(c.contacts ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary)),
  primaryContact: (c) => primaryOf(c.contacts ?? []),
  addresses: (c) => c.addresses ?? [],
  // Staff data: a partner reading a customer by any path does not see who serves it.
  executive: (c, _args, ctx) => {
    authorize(policy, 'readStaff', ctx.principal);
    return c.executiveId ? employees.load(ctx, c.executiveId) : null;
  },
  // Computed from the inputs on read (R-DIG-1), so it can never disagree with the registry.
  eligibility: async (c, _args, ctx) => {
    const doc = await eligibility.load(ctx, c._id);
    return impedimentCheck(doc?.impediments ?? [], doc?.standings ?? []);
  },
  impediments: async (c, _args, ctx) => (await eligibility.load(ctx, c._id))?.impediments ?? [],
  timeline: (c, { first, after, filter }, ctx) => {
    authorize(policy, 'readTimeline', ctx.principal);
    if (filter?.from && filter.to && filter.from >= filter.to) throw badInput('filter.from must be before filter.to', 'filter.from');
    return timeline.page(ctx, c._id, filter ?? {}, { first, after });
  },
});
