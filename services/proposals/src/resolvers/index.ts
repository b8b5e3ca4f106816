import { DateScalar, DateTimeScalar } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { lead } from './Query/lead';
import { opportunity } from './Query/opportunity';
import { weeklyFollowUp } from './Query/weeklyFollowUp';
import { proposalIndicators } from './Query/proposalIndicators';
import { registerLead } from './Mutation/registerLead';
import { qualifyLead } from './Mutation/qualifyLead';
import { validateOpportunity } from './Mutation/validateOpportunity';
import { recordContribution } from './Mutation/recordContribution';
import { recordPartnerQuote } from './Mutation/recordPartnerQuote';
import { recordSizing } from './Mutation/recordSizing';
import { decideBusinessCase } from './Mutation/decideBusinessCase';
import { submitProposal } from './Mutation/submitProposal';
import { reviewProposal } from './Mutation/reviewProposal';
import { sendProposal } from './Mutation/sendProposal';
import { recordClientReview } from './Mutation/recordClientReview';
import { markOpportunityLost } from './Mutation/markOpportunityLost';
import { formalizeAgreement } from './Mutation/formalizeAgreement';
import { Lead } from './Lead';
import { Customer } from './Customer';
import { Employee } from './Employee';
import { Opportunity } from './Opportunity';
import { opportunityDocuments } from './documents';
import { BusinessCase, CostLine, PartnerQuote, Proposal } from './BusinessCase';
import { FollowUpItem, LessonLearned, PipelineStage } from './FollowUp';
import { Reconciliation } from './Reconciliation';
import { changesQueries } from './changes';
import { dueAtResolvers, Me, workQueueQueries } from './work-queues';

export function createResolvers(deps: ResolverDeps): Resolvers {
  // Typed as complete: a root field of the schema without its resolver fails the build.
  const Query: Required<QueryResolvers> = {
    ...changesQueries(deps),
    lead: lead(deps),
    opportunity: opportunity(deps),
    weeklyFollowUp: weeklyFollowUp(deps),
    proposalIndicators: proposalIndicators(deps),
    ...workQueueQueries(deps),
  };
  const Mutation: Required<MutationResolvers> = {
    registerLead: registerLead(deps),
    qualifyLead: qualifyLead(deps),
    validateOpportunity: validateOpportunity(deps),
    recordContribution: recordContribution(deps),
    recordPartnerQuote: recordPartnerQuote(deps),
    recordSizing: recordSizing(deps),
    decideBusinessCase: decideBusinessCase(deps),
    submitProposal: submitProposal(deps),
    reviewProposal: reviewProposal(deps),
    sendProposal: sendProposal(deps),
    recordClientReview: recordClientReview(deps),
    markOpportunityLost: markOpportunityLost(deps),
    formalizeAgreement: formalizeAgreement(deps),
  };
  return {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    Query,
    Mutation,
    Lead: { ...Lead(deps), ...dueAtResolvers(deps).Lead },
    Customer: Customer(deps),
    Employee: Employee(deps),
    Opportunity: { ...Opportunity(deps), ...opportunityDocuments(deps, deps.docs), ...dueAtResolvers(deps).Opportunity },
    Me: Me(deps),
    BusinessCase,
    CostLine,
    PartnerQuote,
    Proposal,
    FollowUpItem: FollowUpItem(deps),
    LessonLearned: LessonLearned(deps),
    PipelineStage,
    Reconciliation: Reconciliation(deps),
  };
}
