import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { changeWorkOrder } from '../../application/work-orders';

export const assignWorkOrder =
  (deps: ResolverDeps): NonNullable<MutationResolvers['assignWorkOrder']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'assignWorkOrder', principal);
    return {
      workOrder: await changeWorkOrder(
        deps,
        principal,
        input.workOrderId,
        { expectedVersion: input.expectedVersion },
        { kind: 'assign', technicianId: input.technicianId, crew: input.crew, scheduledFor: input.scheduledFor ?? null },
      ),
    };
  };

export const startWorkOrder =
  (deps: ResolverDeps): NonNullable<MutationResolvers['startWorkOrder']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'startWorkOrder', principal);
    return { workOrder: await changeWorkOrder(deps, principal, input.workOrderId, { expectedVersion: input.expectedVersion }, { kind: 'start' }) };
  };

export const escalateWorkOrder =
  (deps: ResolverDeps): NonNullable<MutationResolvers['escalateWorkOrder']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'escalateWorkOrder', principal);
    return {
      workOrder: await changeWorkOrder(
        deps,
        principal,
        input.workOrderId,
        { expectedVersion: input.expectedVersion },
        { kind: 'escalate', reason: input.reason },
      ),
    };
  };

export const closeWorkOrder =
  (deps: ResolverDeps): NonNullable<MutationResolvers['closeWorkOrder']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'closeWorkOrder', principal);
    return {
      workOrder: await changeWorkOrder(
        deps,
        principal,
        input.workOrderId,
        { expectedVersion: input.expectedVersion },
        {
          kind: 'close',
          outcome: input.outcome,
          resolutionNotes: input.resolutionNotes,
          equipmentUsed: input.equipmentUsed,
          equipmentReturned: input.equipmentReturned,
        },
      ),
    };
  };
