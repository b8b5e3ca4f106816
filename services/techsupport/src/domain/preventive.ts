import { badInput, ruleViolated, wrongState } from '@vinculo/common';

export type PreventiveOutcome = 'CROSS_SELL' | 'FIBER_MIGRATION' | 'SERVICE_PROBLEM' | 'NO_ACTION';
export type MigrationStatus = 'QUOTED' | 'INFEASIBLE' | 'ACCEPTED' | 'DECLINED';

/** Excess cable (§3 K): metres beyond the included cable, at the tenant's price per metre (minor units, rounded up to whole metres). */
export function excessCableCostMinor(distanceM: number, settings: { includedCableM: number; excessCablePerMeterMinor: number }): number {
  const excess = Math.max(0, Math.ceil(distanceM) - settings.includedCableM);
  return excess * settings.excessCablePerMeterMinor;
}

/**
 * R-TS-K1: the excess-cable cost goes on the invoice only if the customer accepted it, and only a
 * migration that was quoted (feasible, cost told) can be accepted. Declined → no charge, no migration.
 */
/** The id of the excess-cable charge of an accepted migration (techsupport.ChargeRequested): one per review. */
export const excessCableChargeId = (reviewId: string): string => `excess-cable:${reviewId}`;

export function decideMigration(
  migration: MigrationStatus | null,
  accepted: boolean,
  excessCableMinor: number,
): { migration: MigrationStatus; chargeMinor: number; openWorkOrder: boolean } {
  if (migration === 'INFEASIBLE') throw ruleViolated('R-TS-K1', 'fiber is not feasible for this customer: there is no quoted migration to accept');
  if (migration !== 'QUOTED') {
    throw wrongState({
      entity: 'fiber migration',
      current: migration ?? 'NOT_QUOTED',
      act: 'be decided',
      allowedFrom: ['QUOTED'],
      nextAct: migration ? null : 'recordPreventiveReview',
    });
  }
  if (!accepted) return { migration: 'DECLINED', chargeMinor: 0, openWorkOrder: false };
  return { migration: 'ACCEPTED', chargeMinor: excessCableMinor, openWorkOrder: true };
}

/** What each outcome needs. */
export function validateReview(i: {
  outcome: PreventiveOutcome;
  suggestion?: string | null;
  location?: { latitude: number; longitude: number } | null;
  speedMbps?: number | null;
  notes?: string | null;
  service?: unknown;
  referencePhone?: string | null;
}) {
  const notes = i.notes?.trim() || null;
  if (notes && notes.length > 2000) throw badInput('notes must have at most 2000 characters', 'notes');
  if (i.outcome === 'CROSS_SELL') {
    const s = i.suggestion?.trim() ?? '';
    if (s.length < 3 || s.length > 500) throw badInput('a cross-sell needs a suggestion of 3 to 500 characters', 'suggestion');
  }
  if (i.outcome === 'FIBER_MIGRATION') {
    if (!i.location) throw badInput('a fiber migration needs the location to assess', 'location');
    if (!(Math.abs(i.location.latitude) <= 90) || !(Math.abs(i.location.longitude) <= 180)) throw badInput('location out of range', 'location');
    if (i.speedMbps != null && !(i.speedMbps >= 0 && i.speedMbps <= 100_000)) throw badInput('speedMbps must be from 0 to 100000', 'speedMbps');
  }
  if (i.outcome === 'SERVICE_PROBLEM' && (!i.service || !i.referencePhone))
    throw badInput('a service problem needs the damaged service and a reference phone', 'service');
  return { notes, suggestion: i.outcome === 'CROSS_SELL' ? i.suggestion!.trim() : null };
}
