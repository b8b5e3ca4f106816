import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideFiberMigration as decide, recordReview } from '../../application/preventive';
import { migrationQualityCall } from '../../application/quality-calls';

export const recordPreventiveReview =
  (deps: ResolverDeps): NonNullable<MutationResolvers['recordPreventiveReview']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordPreventiveReview', principal);
    return { review: await recordReview(deps, principal, input) };
  };

export const decideFiberMigration =
  (deps: ResolverDeps): NonNullable<MutationResolvers['decideFiberMigration']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'decideFiberMigration', principal);
    return { review: await decide(deps, principal, input.reviewId, input.expectedVersion, input.accepted) };
  };

export const recordMigrationQualityCall =
  (deps: ResolverDeps): NonNullable<MutationResolvers['recordMigrationQualityCall']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordMigrationQualityCall', principal);
    const { reviewId, expectedVersion, ...q } = input;
    return { review: await migrationQualityCall(deps, principal, reviewId, expectedVersion, q) };
  };
