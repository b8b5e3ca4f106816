import { businessNow, conflict, findByIds, isDuplicateKey } from '@vinculo/common';
import { agendaKey, type VisitAgendaDoc, type VisitAgendaModel } from './visit-agenda.model';
import type { VisitModel } from './visit.model';
import { overlappingSlots, slotHolds, type BookedVisit, type Interval, type Slot } from '../domain/visit';

/** Attempts at a versioned agenda write before giving up (each lost race re-reads the agenda). */
const MAX_ATTEMPTS = 8;

/**
 * Double-booking guard of the visit schedule. Booking a visit first reserves its time in the
 * executive's agenda for that day — one document, written only if its version is still the one read
 * (or created once, under its `_id`) — and only then writes the visit. Of two overlapping bookings
 * racing, one write loses the version race, re-reads, sees the other's slot and gets CONFLICT.
 * A slot whose visit was cancelled, moved, or never written (a crash) stops counting (`slotHolds`).
 */
export function visitAgenda(agendas: VisitAgendaModel, visits: VisitModel) {
  async function booked(tenantId: string, ids: string[]): Promise<Map<string, BookedVisit>> {
    const rows = await findByIds(visits, tenantId, ids, { startsAt: 1, endsAt: 1, status: 1 });
    return new Map(rows.map((v) => [v._id, v]));
  }

  /** Write `slots` over the agenda read as `agenda` (null: not created yet); false when someone else wrote first. */
  async function write(key: { _id: string; tenantId: string; executiveId: string; day: string }, agenda: VisitAgendaDoc | null, slots: Slot[]) {
    if (!agenda) {
      try {
        await agendas.create({ ...key, slots, version: 1 });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    }
    const res = await agendas.updateOne({ _id: key._id, version: agenda.version }, { $set: { slots }, $inc: { version: 1 } });
    return res.matchedCount === 1;
  }

  return {
    /** Reserve `slot` in the executive's day; CONFLICT when it overlaps a visit that holds its time. */
    async reserve(tenantId: string, executiveId: string, day: string, slot: Slot, now: Date = businessNow(tenantId)): Promise<void> {
      const key = { _id: agendaKey(tenantId, executiveId, day), tenantId, executiveId, day };
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const agenda = await agendas.findById(key._id).lean<VisitAgendaDoc>();
        const slots = agenda?.slots ?? [];
        const candidates = overlappingSlots(slots, slot);
        const visitsById = candidates.length ? await booked(tenantId, candidates.map((s) => s.visitId)) : new Map<string, BookedVisit>();
        const blocking = candidates.find((s) => slotHolds(s, visitsById.get(s.visitId) ?? null, now));
        if (blocking) {
          throw conflict(`the executive already has a visit from ${blocking.startsAt.toISOString()} to ${blocking.endsAt.toISOString()}`, {
            field: 'startsAt',
            visitId: blocking.visitId,
          });
        }
        // Overlapping slots that no longer hold their time are dropped in the same write.
        const kept = slots.filter((s) => !candidates.includes(s));
        if (await write(key, agenda, [...kept, slot])) return;
      }
      throw conflict('the schedule changed too often meanwhile; retry', { field: 'startsAt' });
    },

    /** Drop a visit's slots from a day, except the one at `keep` (best effort: a stale slot is harmless). */
    async release(tenantId: string, executiveId: string, day: string, visitId: string, keep: Interval | null = null): Promise<void> {
      const key = { _id: agendaKey(tenantId, executiveId, day), tenantId, executiveId, day };
      const stays = (s: Slot) => s.visitId !== visitId || (!!keep && +s.startsAt === +keep.startsAt && +s.endsAt === +keep.endsAt);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const agenda = await agendas.findById(key._id).lean<VisitAgendaDoc>();
        if (!agenda || agenda.slots.every(stays)) return;
        if (await write(key, agenda, agenda.slots.filter(stays))) return;
      }
    },
  };
}
export type VisitAgenda = ReturnType<typeof visitAgenda>;
