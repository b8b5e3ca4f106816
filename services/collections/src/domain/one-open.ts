import { idFromEvent } from '@vinculo/common';

/**
 * The id of the next claim of an invoice, or the next payment promise of an account, when at most one
 * of them may be open at a time: derived from the parent and how many it had before (all settled, else
 * the act is refused first). Two concurrent registrations that saw the same history compute the same id,
 * so the unique _id lets exactly one of them in (the other is a CONFLICT) — no check-then-insert race.
 */
export const nextChildId = (prefix: string, tenantId: string, parentId: string, earlier: number): string =>
  idFromEvent(prefix, `${tenantId}|${parentId}|#${earlier}`);
