import { newEnvelope, newId, businessNow, type EventEnvelope, type Principal } from '@vinculo/common';
import type { InteractionFields, InteractionPurpose } from '../domain/interaction';
import type { InteractionDoc } from '../store/interaction.model';
import type { LoyaltyOutcome, LoyaltyProblemService } from '../domain/loyalty';
import type { ResolverDeps } from './deps';

/**
 * Write an interaction with its customers.InteractionRecorded (the timeline's source) and any further
 * events of the same act (a loyalty call's customers.ServiceProblemReported), in one document insert.
 */
export function saveInteraction(
  { interactions }: ResolverDeps,
  principal: Principal,
  customerId: string,
  fields: InteractionFields,
  purpose: InteractionPurpose,
  loyalty: InteractionDoc['loyalty'] = null,
  problem: { outcome: LoyaltyOutcome; description: string; service?: LoyaltyProblemService | null } | null = null,
): Promise<InteractionDoc> {
  const id = newId('int');
  const at = businessNow(principal.tenantId);
  const events: EventEnvelope[] = [
    newEnvelope('customers', principal, {
      type: 'customers.InteractionRecorded',
      subject: customerId,
      data: { interactionId: id, customerId, channel: fields.channel, purpose, summary: fields.summary, outcome: fields.outcome, link: fields.link, authorId: principal.userId },
    }, at),
  ];
  if (problem?.outcome === 'PROBLEM') {
    events.push(
      newEnvelope('customers', principal, {
        type: 'customers.ServiceProblemReported',
        subject: customerId,
        data: { problemId: id, customerId, executiveId: principal.userId, description: problem.description, reportedAt: at.toISOString(), ...(problem.service ? { service: problem.service } : {}) },
      }, at),
    );
  }
  return interactions.insert({ _id: id, tenantId: principal.tenantId, customerId, ...fields, purpose, authorId: principal.userId, at, loyalty }, events);
}
