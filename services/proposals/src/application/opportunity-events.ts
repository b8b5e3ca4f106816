import { newEnvelope, type EventEnvelope, type Principal } from '@vinculo/common';
import type { OpportunityDoc } from '../store/opportunity.model';
import type { OpportunityEvent, OpportunityState } from '../domain/opportunity';

const SOURCE = 'proposals';

/**
 * The integration events (schemas/events/proposals.*) for the domain events a command produced.
 * Internal facts (validations, contributions, quotes, sizing) stay in the document and its history.
 */
export function integrationEvents(doc: OpportunityDoc, after: OpportunityState, events: OpportunityEvent[], principal: Principal, now: Date): EventEnvelope[] {
  const base = { opportunityId: doc._id, customerId: doc.customerId };
  const env = (type: string, data: Record<string, unknown>) => newEnvelope(SOURCE, principal, { type, subject: doc._id, data: { ...base, ...data } }, now);
  return events.flatMap((e): EventEnvelope[] => {
    switch (e.type) {
      case 'BusinessCaseDecided': {
        const bc = after.businessCase!;
        return [
          env('proposals.BusinessCaseDecided', {
            decision: e.decision,
            justification: e.justification,
            totalRevenue: bc.totalRevenueMinor,
            margin: bc.marginMinor,
            currency: bc.currency,
          }),
        ];
      }
      case 'ProposalSubmitted':
        return [
          env('proposals.ProposalSubmittedToCompliance', {
            version: e.proposal.version,
            price: e.proposal.priceMinor,
            currency: e.proposal.currency,
            committedDeliveryDate: e.proposal.committedDeliveryDate,
          }),
        ];
      case 'ProposalReviewed':
        return [env('proposals.ProposalReviewed', { version: e.version, outcome: e.review.outcome, comments: e.review.comments })];
      case 'ProposalSent':
        return [env('proposals.ProposalSent', { version: e.version })];
      case 'ClientReviewed': {
        if (!e.review.authorized) {
          return [
            env('proposals.ClientCommentsReceived', {
              version: e.version,
              technicallyCompliant: e.review.technicallyCompliant,
              economicallyCompliant: e.review.economicallyCompliant,
              comments: e.review.comments,
            }),
          ];
        }
        const wonAt = e.review.at.toISOString();
        // The involved areas: the service lines requested and those that contributed to the sizing.
        const areas = [...new Set([...doc.serviceLines, ...after.contributions.map((c) => c.area)])];
        return [env('proposals.OpportunityWon', { leadId: doc.leadId, wonAt }), env('proposals.InvolvedAreasNotified', { areas, wonAt })];
      }
      case 'Lost':
        return [env('proposals.OpportunityLost', { reason: e.loss.reason, lessonsLearned: e.loss.lessonsLearned, lostAt: e.loss.at.toISOString() })];
      case 'AgreementFormalized':
        return [env('proposals.AgreementFormalized', { kind: e.agreement.kind, reference: e.agreement.reference, signedOn: e.agreement.signedOn })];
      default:
        return [];
    }
  });
}
