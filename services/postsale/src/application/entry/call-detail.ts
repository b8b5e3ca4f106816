import type { EntryContext } from './context';

/** An outgoing-call detail (R-PS-G1): its charge is requested. */
export function enterCallDetail({ charge, req }: EntryContext): void {
  const d = req.details;
  const cd = d.callDetail!;
  charge('CALL_DETAIL', cd.amountMinor, `Outgoing-call detail ${cd.chargeableMonths.join(', ')} (R-PS-G1)`, 'calls');
}
