import { nextActFor, wrongState, type DomainError, type NextActs } from '@vinculo/common';

type Entity = 'damage ticket' | 'support visit' | 'work order';

/** Each life cycle in order, and the act that moves each status forward (what must come first). */
const GUIDES: Record<Entity, { flow: readonly string[]; next: NextActs<string> }> = {
  'damage ticket': {
    flow: ['WITH_COORDINATOR', 'IN_REMOTE_DIAGNOSIS', 'DISPATCHED', 'CLOSED_RESOLVED'],
    next: { IN_REMOTE_DIAGNOSIS: 'recordRemoteDiagnosis', DISPATCHED: 'closeWorkOrder' },
  },
  'support visit': {
    flow: ['REQUESTED', 'REMOTE_FAILED', 'SCHEDULED', 'VISITED', 'CLOSED'],
    next: {
      REQUESTED: 'recordVisitRemoteAttempt',
      REMOTE_FAILED: 'scheduleSupportVisit',
      SCHEDULED: 'recordEngineeringService',
      VISITED: 'recordVisitQualityCall',
    },
  },
  'work order': {
    flow: ['CREATED', 'ASSIGNED', 'IN_PROGRESS', 'CLOSED_RESOLVED'],
    next: { CREATED: 'assignWorkOrder', ASSIGNED: 'startWorkOrder', IN_PROGRESS: 'closeWorkOrder' },
  },
};

/**
 * An act the entity's current state does not allow: FAILED_PRECONDITION naming that state, where the
 * act is allowed from and the act to take first (`wrongState`).
 */
export const illegalTransition = (entity: Entity, status: string, what: string, allowedFrom: readonly string[]): DomainError => {
  const guide = GUIDES[entity];
  return wrongState({ entity, current: status, act: `be ${what}`, allowedFrom, nextAct: nextActFor(guide.next, status, allowedFrom, guide.flow) });
};
