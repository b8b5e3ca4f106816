import { byIdLoader, findOneById, type CustomerDirectory, type RequestContext } from '@vinculo/common';
import type { LeadModel } from './lead.model';
import type { OpportunityDoc, OpportunityModel } from './opportunity.model';
import { CLOSED_STATUSES } from '../domain/opportunity';

/** Open opportunities read at most for the weekly follow-up: the weekly meeting's agenda, not an export. */
const OPEN_MAX = 500;
const FOLLOW_UP_FIELDS = { _id: 1, status: 1, qualifiedAt: 1, history: 1, loss: 1 };
const INDICATOR_FIELDS = { status: 1, currency: 1, history: 1, businessCase: 1, proposals: 1 };

/** What proposals' resolvers read: by id through the request's DataLoaders, and the report scans of one tenant. */
export function proposalsReads(s: { leads: LeadModel; opportunities: OpportunityModel; directory: CustomerDirectory }) {
  return {
    lead: (ctx: RequestContext, id: string) => byIdLoader(s.leads, 'leadById')(ctx, id),
    opportunity: (ctx: RequestContext, id: string) => byIdLoader(s.opportunities, 'opportunityById')(ctx, id),

    /** Opportunities that changed in [from, to) or are open now (pipeline): the indicators' scan. */
    forIndicators: (tenantId: string, from: Date, to: Date): Promise<OpportunityDoc[]> =>
      s.opportunities
        .find({ tenantId, $or: [{ 'history.at': { $gte: from, $lt: to } }, { status: { $nin: ['WON', 'LOST', 'NO_GO'] } }] }, INDICATOR_FIELDS)
        .lean<OpportunityDoc[]>()
        .exec(),

    /** The open opportunities, oldest first (at most OPEN_MAX). */
    openForFollowUp: (tenantId: string): Promise<OpportunityDoc[]> =>
      s.opportunities
        .find({ tenantId, status: { $nin: [...CLOSED_STATUSES] } }, FOLLOW_UP_FIELDS)
        .sort({ qualifiedAt: 1, _id: 1 })
        .limit(OPEN_MAX)
        .lean<OpportunityDoc[]>()
        .exec(),

    /** Opportunities lost in [from, to). */
    lostBetween: (tenantId: string, from: Date, to: Date): Promise<OpportunityDoc[]> =>
      s.opportunities
        .find({ tenantId, status: 'LOST', 'loss.at': { $gte: from, $lt: to } }, FOLLOW_UP_FIELDS)
        .lean<OpportunityDoc[]>()
        .exec(),

    /** The customer's name as the directory knows it (the id when not known yet). */
    customerName: async (tenantId: string, customerId: string): Promise<string> =>
      (await findOneById(s.directory.model, tenantId, customerId, { name: 1 }))?.name ?? customerId,
  };
}
export type ProposalsReads = ReturnType<typeof proposalsReads>;
