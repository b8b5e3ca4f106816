import type { TimelineItemResolvers, TimelineLinkResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import type { TimelineLink as Link } from '../domain/timeline';

/** The reference of `typename` when the link is to that type, else null (one typed field per link). */
const ref = (l: Link, typename: string) => (l.typename === typename ? { id: l.id } : null);

export const TimelineItem = ({ employees }: ResolverDeps): TimelineItemResolvers => ({
  id: (t) => t._id,
  author: (t, _args, ctx) => (t.actor.role === 'SYSTEM' ? null : employees.load(ctx, t.actor.userId)),
  subject: (t) => t.link ?? null,
});

export const TimelineLink = ({ customers, employees, visits, interactions }: ResolverDeps): TimelineLinkResolvers => ({
  customer: (l, _args, ctx) => (l.typename === 'Customer' ? customers.load(ctx, l.id) : null),
  employee: (l, _args, ctx) => (l.typename === 'Employee' ? employees.load(ctx, l.id) : null),
  visit: (l, _args, ctx) => (l.typename === 'Visit' ? visits.load(ctx, l.id) : null),
  interaction: (l, _args, ctx) => (l.typename === 'Interaction' ? interactions.load(ctx, l.id) : null),
  salesOrder: (l) => ref(l, 'SalesOrder'),
  installedProduct: (l) => ref(l, 'InstalledProduct'),
  billingAccount: (l) => ref(l, 'BillingAccount'),
  workOrder: (l) => ref(l, 'WorkOrder'),
  lead: (l) => ref(l, 'Lead'),
});
