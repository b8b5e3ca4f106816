import type { EventEnvelope } from '@vinculo/common';
import type { Channel } from './interaction';

/**
 * The customer's timeline as a projection of events (DOMAIN.md "Interaction": the union of every
 * step with the customer, across all subgraphs). This file is the ONE place that says, per event
 * type, what happened in words, which entity it concerns and whose timeline it goes to; event types
 * without an entry that carry `data.customerId` fall back to a generic item, so a new event type
 * appears in the timeline the day its contract exists. Pure: the same event always gives the same item.
 */

export type TimelineKind = 'INTERACTION' | 'ACCOUNT' | 'VISIT' | 'SALE' | 'POST_SALE' | 'BILLING' | 'SUPPORT' | 'PROPOSAL';

/** The entity an item concerns: its GraphQL `__typename` and id, resolved by the gateway from its owner. */
export interface TimelineLink {
  typename: string;
  id: string;
}

export interface TimelineEntry {
  customerId: string;
  kind: TimelineKind;
  summary: string;
  outcome: string | null;
  channel: Channel | null;
  link: TimelineLink | null;
}

type Data = Record<string, unknown>;

interface Projection<D> {
  kind: TimelineKind;
  /** Whose timeline: data.customerId unless said otherwise; null → not about one customer. */
  customerId?: (d: D) => string | null;
  summary: (d: D) => string;
  link?: (d: D) => TimelineLink | null;
  outcome?: (d: D) => string | null;
  channel?: (d: D) => Channel | null;
}

// Contracts are checked before a handler runs (kafka/consumer.ts), so each entry may read its data as typed.
const on = <D>(p: Projection<D>): Projection<Data> => p as unknown as Projection<Data>;
const to = (typename: string, id: string | null | undefined): TimelineLink | null => (id ? { typename, id } : null);

interface VisitData { visitId: string; customerId: string | null; startsAt: string; outcome: string | null; note: string | null }
const visit = (what: (d: VisitData) => string) =>
  on<VisitData>({ kind: 'VISIT', customerId: (d) => d.customerId, summary: what, link: (d) => to('Visit', d.visitId), outcome: (d) => d.outcome });

const PROJECTIONS: Record<string, Projection<Data>> = {
  'customers.CustomerRegistered': on<{ customerId: string; kind: string; name: string; status: string }>({
    kind: 'ACCOUNT',
    summary: (d) => `Registered as ${d.kind === 'BUSINESS' ? 'a business' : 'a person'} (${d.name}), ${d.status}`,
    link: (d) => to('Customer', d.customerId),
  }),
  'customers.CustomerUpdated': on<{ customerId: string; changed: string }>({
    kind: 'ACCOUNT',
    summary: (d) => `${{ PROFILE: 'Profile', CONTACTS: 'Contacts', ADDRESSES: 'Addresses' }[d.changed] ?? d.changed} updated`,
    link: (d) => to('Customer', d.customerId),
  }),
  'customers.PortfolioAssigned': on<{ executiveId: string; previousExecutiveId: string | null }>({
    kind: 'ACCOUNT',
    summary: (d) => (d.previousExecutiveId ? `Portfolio moved from ${d.previousExecutiveId} to ${d.executiveId}` : `Assigned to ${d.executiveId}'s portfolio`),
    link: (d) => to('Employee', d.executiveId),
  }),
  'customers.CustomerStatusChanged': on<{ from: string; to: string; reason: string | null }>({
    kind: 'ACCOUNT',
    summary: (d) => `Status ${d.from} → ${d.to}${d.reason ? `: ${d.reason}` : ''}`,
  }),
  'customers.ImpedimentChanged': on<{ impedimentId: string; kind: string; change: string; reason: string }>({
    kind: 'ACCOUNT',
    summary: (d) => `Impediment ${d.kind} ${d.change === 'MARKED' ? 'marked' : 'cleared'}: ${d.reason}`,
  }),
  'customers.AttachmentStored': on<{ kind: string; name: string }>({
    kind: 'ACCOUNT',
    summary: (d) => `File received (${d.kind}): ${d.name}`,
  }),
  'customers.EligibilityChanged': on<{ eligible: boolean; reasons: { kind: string }[] }>({
    kind: 'ACCOUNT',
    summary: (d) => (d.eligible ? 'Eligible again' : `Not eligible: ${d.reasons.map((r) => r.kind).join(', ')}`),
  }),
  'customers.InteractionRecorded': on<{ interactionId: string; channel: Channel; purpose: string; summary: string; outcome: string | null; link: TimelineLink | null }>({
    kind: 'INTERACTION',
    summary: (d) => (d.purpose === 'LOYALTY_CALL' ? `Loyalty call: ${d.summary}` : d.summary),
    link: (d) => d.link ?? to('Interaction', d.interactionId),
    outcome: (d) => d.outcome,
    channel: (d) => d.channel,
  }),
  'customers.ServiceProblemReported': on<{ problemId: string; description: string }>({
    kind: 'SUPPORT',
    summary: (d) => `Service problem reported on a loyalty call: ${d.description}`,
    link: (d) => to('Interaction', d.problemId),
  }),
  'customers.VisitScheduled': visit((d) => `Visit scheduled for ${d.startsAt}`),
  'customers.VisitRescheduled': visit((d) => `Visit moved to ${d.startsAt}${d.note ? `: ${d.note}` : ''}`),
  'customers.VisitCompleted': visit(() => 'Visit done'),
  'customers.VisitCancelled': visit((d) => `Visit cancelled${d.note ? `: ${d.note}` : ''}`),
  'sales.SalesOrderPlaced': on<{ orderId: string; planCode: string; installationAddress: string }>({
    kind: 'SALE',
    summary: (d) => `Sales order placed: plan ${d.planCode} at ${d.installationAddress}`,
    link: (d) => to('SalesOrder', d.orderId),
  }),
  'sales.SalesOrderActivated': on<{ orderId: string; planCode: string }>({
    kind: 'SALE',
    summary: (d) => `Service activated: plan ${d.planCode}`,
    link: (d) => to('SalesOrder', d.orderId),
  }),
  'postsale.InstalledProductRegistered': on<{ installedProductId: string; family: string; planCode: string; serviceNumber: string }>({
    kind: 'POST_SALE',
    summary: (d) => `Product installed: ${d.family} ${d.planCode}, service ${d.serviceNumber}`,
    link: (d) => to('InstalledProduct', d.installedProductId),
  }),
  'postsale.InstalledProductWithdrawn': on<{ installedProductId: string; reason: string; remainingActiveProducts: number }>({
    kind: 'POST_SALE',
    summary: (d) => `Product withdrawn: ${d.reason} (${d.remainingActiveProducts} still active)`,
    link: (d) => to('InstalledProduct', d.installedProductId),
  }),
  'collections.BillingAccountOpened': on<{ billingAccountId: string; accountNumber: string; currency: string }>({
    kind: 'BILLING',
    summary: (d) => `Billing account ${d.accountNumber} opened (${d.currency})`,
    link: (d) => to('BillingAccount', d.billingAccountId),
  }),
  'collections.AccountStandingChanged': on<{ billingAccountId: string; standing: string }>({
    kind: 'BILLING',
    summary: (d) => (d.standing === 'OVERDUE' ? 'Billing account overdue' : 'Billing account up to date'),
    link: (d) => to('BillingAccount', d.billingAccountId),
  }),
  'techsupport.WorkOrderCreated': on<{ workOrderId: string; type: string }>({
    kind: 'SUPPORT',
    summary: (d) => `Work order opened: ${d.type}`,
    link: (d) => to('WorkOrder', d.workOrderId),
  }),
  'proposals.LeadRegistered': on<{ leadId: string; customerId: string | null; source: string; requirement: string }>({
    kind: 'PROPOSAL',
    customerId: (d) => d.customerId,
    summary: (d) => `Lead registered (${d.source}): ${d.requirement}`,
    link: (d) => to('Lead', d.leadId),
  }),
  'proposals.OpportunityWon': on<{ opportunityId: string }>({
    kind: 'PROPOSAL',
    summary: () => 'Opportunity won: proposal authorised by the client',
    link: (d) => to('Opportunity', d.opportunityId),
  }),
};

const KIND_OF_SOURCE: Record<string, TimelineKind> = {
  customers: 'ACCOUNT',
  sales: 'SALE',
  postsale: 'POST_SALE',
  collections: 'BILLING',
  techsupport: 'SUPPORT',
  proposals: 'PROPOSAL',
};

/** "sales.SalesQuoteSent" → "Sales quote sent (sales)": the words of an event type without an entry. */
export function describeType(type: string): string {
  const [source = '', fact = type] = type.split('.');
  const words = fact.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${source})`;
}

const GENERIC: Projection<Data> = {
  kind: 'ACCOUNT',
  summary: () => '',
};

/** The timeline entry an event makes, or null when it concerns no single customer. */
export function projectEvent(event: Pick<EventEnvelope, 'type' | 'source' | 'data'>): TimelineEntry | null {
  const specific = PROJECTIONS[event.type];
  const p = specific ?? GENERIC;
  const data = event.data;
  const customerId = p.customerId ? p.customerId(data) : typeof data.customerId === 'string' ? data.customerId : null;
  if (!customerId) return null;
  return {
    customerId,
    kind: specific ? p.kind : (KIND_OF_SOURCE[event.source] ?? 'ACCOUNT'),
    summary: specific ? p.summary(data) : describeType(event.type),
    outcome: p.outcome?.(data) ?? null,
    channel: p.channel?.(data) ?? null,
    link: p.link?.(data) ?? null,
  };
}

/** Event types with a specific entry (the rest use the generic fallback). */
export const PROJECTED_TYPES: readonly string[] = Object.keys(PROJECTIONS);
