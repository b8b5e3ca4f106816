import type { TimelineItemResolvers, TimelineLinkResolvers, TimelineOutcomeResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import type { TimelineLink as Link } from '../domain/timeline';
import { money } from '@vinculo/common';

/** The reference of `typename` when the link is to that type, else null (one typed field per link). */
const ref = (l: Link, typename: string) => (l.typename === typename ? { id: l.id } : null);

export const TimelineItem = ({ employees }: ResolverDeps): TimelineItemResolvers => ({
  id: (t) => t._id,
  author: (t, _args, ctx) => (t.actor.role === 'SYSTEM' ? null : employees.load(ctx, t.actor.userId)),
  // Items projected before the second locale existed have only the Spanish… or only what they had.
  summary: (t, { locale }) => (locale === 'EN' ? (t.summaryEn ?? t.summary) : t.summary),
  outcome: (t, { locale }) => (locale === 'EN' && t.summaryEn !== undefined ? (t.outcomeEn ?? null) : t.outcome),
  result: (t) => t.result ?? null,
  subject: (t) => t.link ?? null,
});

export const TimelineOutcome = (): TimelineOutcomeResolvers => ({
  decision: (o, { locale }) => (o.decision ? (locale === 'EN' ? o.decision.en : o.decision.es) : null),
  amount: (o) => (o.amount ? money(o.amount.minor, o.amount.currency) : null),
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
  saleProject: (l) => ref(l, 'SaleProject'),
  digitalSaleRequest: (l) => ref(l, 'DigitalSaleRequest'),
  postSaleRequest: (l) => ref(l, 'PostSaleRequest'),
  invoice: (l) => ref(l, 'Invoice'),
  payment: (l) => ref(l, 'Payment'),
  paymentPromise: (l) => ref(l, 'PaymentPromise'),
  billingClaim: (l) => ref(l, 'BillingClaim'),
  damageTicket: (l) => ref(l, 'DamageTicket'),
  supportVisit: (l) => ref(l, 'SupportVisit'),
  preventiveReview: (l) => ref(l, 'PreventiveReview'),
  opportunity: (l) => ref(l, 'Opportunity'),
});
