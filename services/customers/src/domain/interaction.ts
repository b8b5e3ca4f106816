import { badInput } from '@vinculo/common';
import { optionalText, requiredText, validId } from './text';
import type { TimelineLink } from './timeline';

export type Channel = 'PHONE' | 'WHATSAPP' | 'EMAIL' | 'IN_PERSON' | 'WEB' | 'FACEBOOK' | 'BOT' | 'LETTER';
export type InteractionPurpose = 'GENERAL' | 'LOYALTY_CALL';

/** Entities an interaction may link (ARCHITECTURE.md ownership table): what the gateway can resolve. */
export const LINKABLE_TYPES: readonly string[] = [
  'Customer',
  'Contact',
  'Employee',
  'Visit',
  'Interaction',
  'Plan',
  'Promotion',
  'SaleProject',
  'CommercialOffer',
  'SalesOrder',
  'DigitalSaleRequest',
  'InstalledProduct',
  'Subscription',
  'PostSaleRequest',
  'BillingAccount',
  'Invoice',
  'Charge',
  'Payment',
  'PaymentPromise',
  'CollectionCase',
  'BillingClaim',
  'WorkOrder',
  'DamageTicket',
  'SupportVisit',
  'PreventiveReview',
  'Lead',
  'Opportunity',
  'BusinessCase',
  'Proposal',
];

export interface InteractionInput {
  channel: Channel;
  summary: string;
  outcome?: string | null;
  link?: { typename: string; id: string } | null;
}

export interface InteractionFields {
  channel: Channel;
  summary: string;
  outcome: string | null;
  link: TimelineLink | null;
}

/** Validate an interaction (ingresa interacción): summary 1..2000, outcome ≤ 500, a link to a known entity type. */
export function validInteraction(input: InteractionInput): InteractionFields {
  const summary = requiredText(input.summary, 'summary', 1, 2000);
  const outcome = optionalText(input.outcome, 'outcome', 1, 500);
  let link: TimelineLink | null = null;
  if (input.link) {
    const typename = input.link.typename.trim();
    if (!LINKABLE_TYPES.includes(typename)) throw badInput(`link.typename must be one of ${LINKABLE_TYPES.join(', ')}`, 'link.typename');
    link = { typename, id: validId(input.link.id, 'link.id') };
  }
  return { channel: input.channel, summary, outcome, link };
}
