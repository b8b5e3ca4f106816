import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { engineeringRecord, qualityCall, remoteAttempt, requestVisit, schedule } from '../../application/visits';

export const requestSupportVisit =
  (deps: ResolverDeps): NonNullable<MutationResolvers['requestSupportVisit']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'requestSupportVisit', principal);
    return { visit: await requestVisit(deps, principal, input) };
  };

export const recordVisitRemoteAttempt =
  (deps: ResolverDeps): NonNullable<MutationResolvers['recordVisitRemoteAttempt']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordVisitRemoteAttempt', principal);
    return { visit: await remoteAttempt(deps, principal, input.visitId, input.expectedVersion, input.solved, input.notes) };
  };

export const scheduleSupportVisit =
  (deps: ResolverDeps): NonNullable<MutationResolvers['scheduleSupportVisit']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'scheduleSupportVisit', principal);
    return { visit: await schedule(deps, principal, input.visitId, input.expectedVersion, input.analystId, input.start, input.durationMinutes) };
  };

export const recordEngineeringService =
  (deps: ResolverDeps): NonNullable<MutationResolvers['recordEngineeringService']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordEngineeringService', principal);
    return { visit: await engineeringRecord(deps, principal, input.visitId, input.expectedVersion, input) };
  };

export const recordVisitQualityCall =
  (deps: ResolverDeps): NonNullable<MutationResolvers['recordVisitQualityCall']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordVisitQualityCall', principal);
    return { visit: await qualityCall(deps, principal, input.visitId, input.expectedVersion, input) };
  };
