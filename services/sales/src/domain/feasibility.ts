import type { Feasibility, GeoPoint, Technology } from '@vinculo/common';
import { badInput } from '@vinculo/common';

/** What a feasibility check recorded (R-SAL-2 / R-DIG-2): the verdict, the serving node, who and when. */
export interface FeasibilityRecord {
  feasible: boolean;
  reason: string | null;
  detail: string | null;
  technology: Technology | null;
  nodeId: string | null;
  checkedBy: string;
  checkedAt: Date;
}

/** The network needs of a set of lines: one (technology, highest speed) per technology used. */
export function networkNeeds(lines: readonly { technology: Technology | null; speedMbps: number | null }[]): { technology: Technology; speedMbps: number }[] {
  const need = new Map<Technology, number>();
  for (const l of lines) if (l.technology) need.set(l.technology, Math.max(need.get(l.technology) ?? 0, l.speedMbps ?? 0));
  return [...need].map(([technology, speedMbps]) => ({ technology, speedMbps }));
}

/**
 * Combine the per-technology verdicts: infeasible when any is (its reason told), feasible otherwise.
 * Lines that need no network (waste collection, consulting) are feasible without a node.
 */
export function combineFeasibility(results: readonly { technology: Technology; result: Feasibility }[], meta: { by: string; at: Date }): FeasibilityRecord {
  const bad = results.find((r) => !r.result.feasible);
  if (bad && !bad.result.feasible) {
    return {
      feasible: false,
      reason: bad.result.reason,
      detail: bad.result.detail,
      technology: bad.technology,
      nodeId: null,
      checkedBy: meta.by,
      checkedAt: meta.at,
    };
  }
  const first = results[0];
  const nodeId = first && first.result.feasible ? first.result.nodeId : null;
  return { feasible: true, reason: null, detail: null, technology: first?.technology ?? null, nodeId, checkedBy: meta.by, checkedAt: meta.at };
}

export function validLocation(p: GeoPoint): GeoPoint {
  if (!(p.latitude >= -90 && p.latitude <= 90)) throw badInput('latitude must be -90 to 90', 'latitude');
  if (!(p.longitude >= -180 && p.longitude <= 180)) throw badInput('longitude must be -180 to 180', 'longitude');
  return { latitude: p.latitude, longitude: p.longitude };
}
