import { newEnvelope, type EventEnvelope, type Principal } from '@vinculo/common';
import type { OpportunityDoc } from '../store/opportunity.model';
import type { OpportunityEvent, OpportunityState } from '../domain/opportunity';

const SOURCE = 'proposals';

/**
 * The integration events (schemas/events/proposals.*) for the domain events a command produced.
 * Internal facts (validations, contributions, quotes, sizing) stay in the document and its history.
 */
export function integrationEvents(doc: OpportunityDoc, after: OpportunityState, events: OpportunityEvent[], principal: Principal, now: Date): EventEnvelope[] {
  // Every event is about the opportunity (its subject) and names its customer; each call is checked
  // against its own contract (schemas/events/proposals.*).
  const subject = doc._id;
  const base = { opportunityId: doc._id, customerId: doc.customerId };
  return events.flatMap((e): EventEnvelope[] => {
    switch (e.type) {
      case 'BusinessCaseDecided': {
        const bc = after.businessCase!;
        return [
          newEnvelope(
            SOURCE,
            principal,
            {
              type: 'proposals.BusinessCaseDecided',
              subject,
              data: {
                ...base,
                decision: e.decision,
                justification: e.justification,
                totalRevenue: bc.totalRevenueMinor,
                margin: bc.marginMinor,
                currency: bc.currency,
              },
            },
            now,
          ),
        ];
      }
      case 'ProposalSubmitted':
        return [
          newEnvelope(
            SOURCE,
            principal,
            {
              type: 'proposals.ProposalSubmittedToCompliance',
              subject,
              data: {
                ...base,
                version: e.proposal.version,
                price: e.proposal.priceMinor,
                currency: e.proposal.currency,
                committedDeliveryDate: e.proposal.committedDeliveryDate,
              },
            },
            now,
          ),
        ];
      case 'ProposalReviewed':
        return [
          newEnvelope(
            SOURCE,
            principal,
            { type: 'proposals.ProposalReviewed', subject, data: { ...base, version: e.version, outcome: e.review.outcome, comments: e.review.comments } },
            now,
          ),
        ];
      case 'ProposalSent':
        return [newEnvelope(SOURCE, principal, { type: 'proposals.ProposalSent', subject, data: { ...base, version: e.version } }, now)];
      case 'ClientReviewed': {
        if (!e.review.authorized) {
          return [
            newEnvelope(
              SOURCE,
              principal,
              {
                type: 'proposals.ClientCommentsReceived',
                subject,
                data: {
                  ...base,
                  version: e.version,
                  technicallyCompliant: e.review.technicallyCompliant,
                  economicallyCompliant: e.review.economicallyCompliant,
                  comments: e.review.comments,
                },
              },
              now,
            ),
          ];
        }
        const wonAt = e.review.at.toISOString();
        // The involved areas: the service lines requested and those that contributed to the sizing.
        const areas = [...new Set([...doc.serviceLines, ...after.contributions.map((c) => c.area)])];
        return [
          newEnvelope(SOURCE, principal, { type: 'proposals.OpportunityWon', subject, data: { ...base, leadId: doc.leadId, wonAt } }, now),
          newEnvelope(SOURCE, principal, { type: 'proposals.InvolvedAreasNotified', subject, data: { ...base, areas, wonAt } }, now),
        ];
      }
      case 'Lost':
        return [
          newEnvelope(
            SOURCE,
            principal,
            {
              type: 'proposals.OpportunityLost',
              subject,
              data: { ...base, reason: e.loss.reason, lessonsLearned: e.loss.lessonsLearned, lostAt: e.loss.at.toISOString() },
            },
            now,
          ),
        ];
      case 'AgreementFormalized':
        return [
          newEnvelope(
            SOURCE,
            principal,
            {
              type: 'proposals.AgreementFormalized',
              subject,
              data: { ...base, kind: e.agreement.kind, reference: e.agreement.reference, signedOn: e.agreement.signedOn },
            },
            now,
          ),
        ];
      default:
        return [];
    }
  });
}
