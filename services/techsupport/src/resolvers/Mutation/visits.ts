import { authorize, badInput, newId, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { engineeringRecord, qualityCall, remoteAttempt, schedule, visitEvent } from '../../application/visits';
import type { SupportVisitDoc } from '../../store/visit.model';

export const requestSupportVisit =
  (deps: ResolverDeps): MutationResolvers['requestSupportVisit'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'requestSupportVisit', principal);
    const description = input.description.trim();
    if (description.length < 3 || description.length > 2000) throw badInput('description must have 3 to 2000 characters', 'description');
    const address = input.address.trim().replace(/\s+/g, ' ');
    if (address.length < 5 || address.length > 300) throw badInput('address must have 5 to 300 characters', 'address');
    await deps.directory.require(principal.tenantId, input.customerId);
    const now = businessNow(principal.tenantId);
    const v: SupportVisitDoc = {
      _id: newId('vis'), tenantId: principal.tenantId, customerId: input.customerId, installedProductId: input.installedProductId ?? null,
      channel: input.channel, description, address, status: 'REQUESTED', remoteNotes: null, analystId: null, start: null, end: null, workOrderId: null,
      engineeringRecord: null, qualityCall: null, ticketId: null, createdAt: now,
      history: [{ from: null, to: 'REQUESTED', by: principal.userId, at: now, note: `via ${input.channel}` }], version: 0, outbox: [],
    };
    v.outbox = [visitEvent(v, principal)];
    await deps.visits.create(v);
    deps.published();
    return { visit: v };
  };

export const recordVisitRemoteAttempt =
  (deps: ResolverDeps): MutationResolvers['recordVisitRemoteAttempt'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordVisitRemoteAttempt', principal);
    return { visit: await remoteAttempt(deps, principal, input.visitId, input.expectedVersion, input.solved, input.notes) };
  };

export const scheduleSupportVisit =
  (deps: ResolverDeps): MutationResolvers['scheduleSupportVisit'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'scheduleSupportVisit', principal);
    return { visit: await schedule(deps, principal, input.visitId, input.expectedVersion, input.analystId, input.start, input.durationMinutes) };
  };

export const recordEngineeringService =
  (deps: ResolverDeps): MutationResolvers['recordEngineeringService'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordEngineeringService', principal);
    return { visit: await engineeringRecord(deps, principal, input.visitId, input.expectedVersion, input) };
  };

export const recordVisitQualityCall =
  (deps: ResolverDeps): MutationResolvers['recordVisitQualityCall'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordVisitQualityCall', principal);
    return { visit: await qualityCall(deps, principal, input.visitId, input.expectedVersion, input) };
  };
