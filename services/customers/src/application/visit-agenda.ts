import { businessNow, conflict, DomainError, findByIds, isDuplicateKey, isStale, retryOnStale } from '@vinculo/common';
import { agendaKey, type VisitAgendaDoc, type VisitAgendaModel } from '../store/visit-agenda.model';
import type { VisitModel } from '../store/visit.model';
import { overlappingSlots, slotHolds, type BookedVisit, type Interval, type Slot } from '../domain/visit';

/** Attempts at a versioned agenda write before giving up (each lost race re-reads the agenda). */
const MAX_ATTEMPTS = 8;

const lostRace = (key: string) => new DomainError('stale_version', `agenda ${key} was changed meanwhile`);

/**
 * Double-booking guard of the visit schedule. Booking a visit first reserves its time in the
 * executive's agenda for that day — one document, written only if its version is still the one read
 * (or created once, under its `_id`) — and only then writes the visit. Of two overlapping bookings
 * racing, one write loses the version race, re-reads (retryOnStale), sees the other's slot and gets
 * CONFLICT. A slot whose visit was cancelled, moved, or never written (a crash) stops counting (`slotHolds`).
 */
export function visitAgenda(agendas: VisitAgendaModel, visits: VisitModel) {
  async function booked(tenantId: string, ids: string[]): Promise<Map<string, BookedVisit>> {
    const rows = await findByIds(visits, tenantId, ids, { startsAt: 1, endsAt: 1, status: 1 });
    return new Map(rows.map((v) => [v._id, v]));
  }

  /** Write `slots` over the agenda read as `agenda` (null: not created yet); stale when someone else wrote first. */
  async function write(key: { _id: string; tenantId: string; executiveId: string; day: string }, agenda: VisitAgendaDoc | null, slots: Slot[]): Promise<void> {
    if (!agenda) {
      try {
        await agendas.create({ ...key, slots, version: 1 });
        return;
      } catch (err) {
        if (isDuplicateKey(err)) throw lostRace(key._id);
        throw err;
      }
    }
    const res = await agendas.updateOne({ _id: key._id, version: agenda.version }, { $set: { slots }, $inc: { version: 1 } });
    if (res.matchedCount !== 1) throw lostRace(key._id);
  }

  return {
    /** Reserve `slot` in the executive's day; CONFLICT when it overlaps a visit that holds its time. */
    async reserve(tenantId: string, executiveId: string, day: string, slot: Slot, now: Date = businessNow(tenantId)): Promise<void> {
      const key = { _id: agendaKey(tenantId, executiveId, day), tenantId, executiveId, day };
      try {
        await retryOnStale(MAX_ATTEMPTS, async () => {
          const agenda = await agendas.findById(key._id).lean<VisitAgendaDoc>();
          const slots = agenda?.slots ?? [];
          const candidates = overlappingSlots(slots, slot);
          const visitsById = candidates.length
            ? await booked(
                tenantId,
                candidates.map((s) => s.visitId),
              )
            : new Map<string, BookedVisit>();
          const blocking = candidates.find((s) => slotHolds(s, visitsById.get(s.visitId) ?? null, now));
          if (blocking) {
            throw conflict(`the executive already has a visit from ${blocking.startsAt.toISOString()} to ${blocking.endsAt.toISOString()}`, {
              field: 'startsAt',
              visitId: blocking.visitId,
            });
          }
          // Overlapping slots that no longer hold their time are dropped in the same write.
          const kept = slots.filter((s) => !candidates.includes(s));
          await write(key, agenda, [...kept, slot]);
        });
      } catch (err) {
        if (isStale(err)) throw conflict('the schedule changed too often meanwhile; retry', { field: 'startsAt' });
        throw err;
      }
    },

    /** Drop a visit's slots from a day, except the one at `keep` (best effort: a stale slot is harmless). */
    async release(tenantId: string, executiveId: string, day: string, visitId: string, keep: Interval | null = null): Promise<void> {
      const key = { _id: agendaKey(tenantId, executiveId, day), tenantId, executiveId, day };
      const stays = (s: Slot) => s.visitId !== visitId || (!!keep && +s.startsAt === +keep.startsAt && +s.endsAt === +keep.endsAt);
      try {
        await retryOnStale(MAX_ATTEMPTS, async () => {
          const agenda = await agendas.findById(key._id).lean<VisitAgendaDoc>();
          if (!agenda || agenda.slots.every(stays)) return;
          await write(key, agenda, agenda.slots.filter(stays));
        });
      } catch (err) {
        // A slot left behind stops counting once its visit no longer holds the time (slotHolds).
        if (!isStale(err)) throw err;
      }
    },
  };
}
export type VisitAgenda = ReturnType<typeof visitAgenda>;
