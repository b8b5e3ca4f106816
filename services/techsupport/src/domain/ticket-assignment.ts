import { badInput, conflict, type StatusChangeDoc } from '@vinculo/common';
import { OPEN_TICKET, type TicketStatus } from './ticket';
import { illegalTransition } from './transition';

/**
 * §3 E: the technical coordinator hands an open damage ticket to a person (an analyst for a remote
 * diagnosis, a coordinator for the field) and may hand it on; the ticket queue filters by that person.
 * Only open tickets are assigned; giving it to the one who has it already is an act already done.
 */
export function decideTicketAssignment(
  t: { status: TicketStatus; assigneeId?: string | null },
  assigneeId: string,
  by: string,
  at: Date,
): { set: { assigneeId: string }; history: StatusChangeDoc } {
  const who = assigneeId.trim();
  if (who.length < 1 || who.length > 200) throw badInput('assigneeId must have 1 to 200 characters', 'assigneeId');
  if (!OPEN_TICKET.includes(t.status)) throw illegalTransition('damage ticket', t.status, 'assigned', OPEN_TICKET);
  if (t.assigneeId === who) throw conflict(`the damage ticket is already assigned to ${who}`);
  const note = t.assigneeId ? `reassigned from ${t.assigneeId} to ${who}` : `assigned to ${who}`;
  return { set: { assigneeId: who }, history: { from: t.status, to: t.status, by, at, note } };
}
