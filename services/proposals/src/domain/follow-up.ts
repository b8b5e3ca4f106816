import { addDays, daysBetween, localDay, weekStart } from './business-days';
import type { Loss, OpportunityStatus } from './opportunity';
import type { StatusChangeDoc } from '@vinculo/common';

/** What the weekly follow-up reads of an opportunity. */
export interface FollowUpSource {
  _id: string;
  status: OpportunityStatus;
  qualifiedAt: Date;
  history: StatusChangeDoc[];
  loss: Loss | null;
}

export interface FollowUpEntry {
  opportunityId: string;
  status: OpportunityStatus;
  ageDays: number;
  daysInStage: number;
}
export interface LessonLearnedItem {
  opportunityId: string;
  reason: string;
  lessonsLearned: string;
  at: Date;
}

/** The Monday–Sunday week containing `day`. */
export function weekOf(day: string): { weekStart: string; weekEnd: string } {
  const start = weekStart(day);
  return { weekStart: start, weekEnd: addDays(start, 6) };
}

/**
 * The weekly follow-up (§5 step 7): open opportunities with their stage and age in whole days
 * (tenant calendar days, as of `now`), oldest first; and the lessons learned (R-PRO-7) of
 * opportunities lost during the week.
 */
export function weeklyFollowUp(
  open: FollowUpSource[],
  lostCandidates: FollowUpSource[],
  week: { weekStart: string; weekEnd: string },
  now: Date,
  timeZone: string,
): { open: FollowUpEntry[]; lessonsLearned: LessonLearnedItem[] } {
  const today = localDay(now, timeZone);
  const items = open
    .map((o) => {
      const enteredAt = o.history.at(-1)?.at ?? o.qualifiedAt;
      return {
        opportunityId: o._id,
        status: o.status,
        ageDays: daysBetween(localDay(o.qualifiedAt, timeZone), today),
        daysInStage: daysBetween(localDay(new Date(enteredAt), timeZone), today),
      };
    })
    .sort((a, b) => b.ageDays - a.ageDays || a.opportunityId.localeCompare(b.opportunityId));
  const lessonsLearned = lostCandidates
    .filter((o) => o.loss && localDay(new Date(o.loss.at), timeZone) >= week.weekStart && localDay(new Date(o.loss.at), timeZone) <= week.weekEnd)
    .map((o) => ({ opportunityId: o._id, reason: o.loss!.reason, lessonsLearned: o.loss!.lessonsLearned, at: new Date(o.loss!.at) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return { open: items, lessonsLearned };
}
