/**
 * Technical feasibility (factibilidad técnica, DOMAIN.md "Cross-cutting concepts"): can a network
 * node serve a location with a technology and a speed? One pure function, used by techsupport (owner
 * of the network inventory) and by the coverage read models of sales (R-SAL-2, R-DIG-2) and postsale
 * (R-PS-C1), so that every subgraph answers the same question the same way.
 */

export type Technology = 'COPPER' | 'FIBER' | 'HSPA' | 'COAX';
export const TECHNOLOGIES: readonly Technology[] = ['COPPER', 'FIBER', 'HSPA', 'COAX'];

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** A node as feasibility needs it (the techsupport.CoverageChanged snapshot carries these fields). */
export interface CoverageNode {
  nodeId: string;
  code: string;
  technology: Technology;
  location: GeoPoint;
  /** Distance from the node within which it can serve a customer, in metres. */
  coverageRadiusM: number;
  portsTotal: number;
  portsUsed: number;
  maxSpeedMbps: number;
  active: boolean;
}

export interface FeasibilityQuery {
  location: GeoPoint;
  technology: Technology;
  /** Speed the plan needs, in Mbps; 0 or absent for services without one (a fixed line). */
  speedMbps?: number | null;
}

/** Why a location cannot be served, from the coarsest cause to the finest. */
export type InfeasibilityReason = 'NO_COVERAGE' | 'TECHNOLOGY_NOT_AVAILABLE' | 'SPEED_NOT_SUPPORTED' | 'NO_FREE_PORTS';

export type Feasibility =
  { feasible: true; nodeId: string; nodeCode: string; distanceM: number; freePorts: number } | { feasible: false; reason: InfeasibilityReason; detail: string };

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Feasible when an active node of the technology covers the location, supports the speed and has a
 * free port; the nearest such node serves. Otherwise the reason is the first filter that empties the
 * candidates: coverage, then technology, then speed, then free ports.
 */
export function assessFeasibility(nodes: readonly CoverageNode[], q: FeasibilityQuery): Feasibility {
  const covering = nodes
    .filter((n) => n.active)
    .map((n) => ({ n, d: distanceM(n.location, q.location) }))
    .filter(({ n, d }) => d <= n.coverageRadiusM);
  if (covering.length === 0) return { feasible: false, reason: 'NO_COVERAGE', detail: 'no network node covers this location' };
  const ofTechnology = covering.filter(({ n }) => n.technology === q.technology);
  if (ofTechnology.length === 0) {
    const available = [...new Set(covering.map(({ n }) => n.technology))].sort().join(', ');
    return { feasible: false, reason: 'TECHNOLOGY_NOT_AVAILABLE', detail: `${q.technology} is not available here (available: ${available})` };
  }
  const speed = q.speedMbps ?? 0;
  const fastEnough = ofTechnology.filter(({ n }) => n.maxSpeedMbps >= speed);
  if (fastEnough.length === 0) {
    const best = Math.max(...ofTechnology.map(({ n }) => n.maxSpeedMbps));
    return { feasible: false, reason: 'SPEED_NOT_SUPPORTED', detail: `${speed} Mbps requested, at most ${best} Mbps on ${q.technology} here` };
  }
  const withPorts = fastEnough.filter(({ n }) => n.portsTotal - n.portsUsed > 0);
  if (withPorts.length === 0) return { feasible: false, reason: 'NO_FREE_PORTS', detail: `every ${q.technology} node covering this location is full` };
  withPorts.sort((a, b) => a.d - b.d || a.n.nodeId.localeCompare(b.n.nodeId));
  const { n, d } = withPorts[0]!;
  return { feasible: true, nodeId: n.nodeId, nodeCode: n.code, distanceM: Math.round(d), freePorts: n.portsTotal - n.portsUsed };
}

/**
 * A bounding box around a point that contains every node able to cover it, for a coarse index
 * query before `assessFeasibility` (maxRadiusM = the largest coverage radius in use).
 */
export function boundingBox(p: GeoPoint, maxRadiusM: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = (maxRadiusM / EARTH_RADIUS_M) * (180 / Math.PI);
  const cos = Math.max(Math.cos(rad(p.latitude)), 1e-6);
  const dLng = Math.min(180, dLat / cos);
  return { minLat: p.latitude - dLat, maxLat: p.latitude + dLat, minLng: p.longitude - dLng, maxLng: p.longitude + dLng };
}
