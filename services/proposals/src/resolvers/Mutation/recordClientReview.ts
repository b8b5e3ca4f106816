import type { MutationRecordClientReviewArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const recordClientReview = (deps: ResolverDeps): Required<MutationResolvers>['recordClientReview'] =>
  opportunityAct(deps, 'recordClientReview', (input: MutationRecordClientReviewArgs['input']) => ({
    kind: 'recordClientReview',
    technicallyCompliant: input.technicallyCompliant,
    economicallyCompliant: input.economicallyCompliant,
    comments: input.comments,
  }));
