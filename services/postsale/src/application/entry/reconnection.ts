import type { EntryContext } from './context';
import { decideReconnection, reconnectionRestoration, suspensionsAfterReconnection } from '../../domain/suspension';
import { planOn } from '../../domain/effective';
import { subscriptionChangedEvent } from '../events';
import { change } from '../product-steps';
import { NO_HOLD } from '../product-hold';

/** A reconnection (R-PS-D4): service returns on the date given, the suspension ends the day before. */
export function enterReconnection({ principal, req, p, done, today, now, by, entry }: EntryContext): void {
  const d = req.details;
  const decided = done ? null : decideReconnection(p, d.reconnection?.date ?? null, today);
  // Service comes back on the date given, or on the suspension's first day when it is cancelled before it starts.
  const date = done?.effectiveDate ?? (decided!.date < decided!.suspension.startDate ? decided!.suspension.startDate : decided!.date);
  const r = reconnectionRestoration(p.family, p.technology);
  entry.set['details.reconnection.date'] = date;
  entry.set['details.reconnection.restoration'] = r.restoration;
  entry.set['details.reconnection.withinHours'] = r.withinHours;
  entry.note = `R-PS-D4 ${r.restoration}; pending invoices are chased`;
  // A reconnection changes the end date: the suspension ends the day before service returns (or is
  // cancelled); until that date the product stays SUSPENDED, as statusOn reads it.
  const suspensions = decided ? suspensionsAfterReconnection(p.suspensions, decided.suspension, decided.date) : p.suspensions;
  entry.product = {
    update: {
      $set: { status: 'ACTIVE', suspension: null, suspensions, ...NO_HOLD },
      $push: {
        history: { from: p.status, to: 'ACTIVE', by, at: now, note: `reconnected (${r.restoration})` },
        changes: change({ kind: 'RECONNECTED', from: p.status, to: 'ACTIVE', effectiveDate: date, requestId: req._id, by, at: now, note: r.restoration }),
      },
    },
    events: (after) => [subscriptionChangedEvent(principal, { ...after, ...planOn(after, date) }, 'RECONNECTED', date)],
  };
}
