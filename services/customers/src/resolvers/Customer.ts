import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { primaryOf } from '../domain/contact';

// Customers stored before a field existed read it as empty (lean reads apply no defaults).
export const Customer = ({ customers, employees }: ResolverDeps): CustomerResolvers => ({
  __resolveReference: (ref, ctx) => customers.load(ctx, ref.id),
  id: (c) => c._id,
  history: (c) => c.history ?? [],
  contacts: (c) => [...(c.contacts ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary)),
  primaryContact: (c) => primaryOf(c.contacts ?? []),
  addresses: (c) => c.addresses ?? [],
  executive: (c, _args, ctx) => (c.executiveId ? employees.load(ctx, c.executiveId) : null),
});
