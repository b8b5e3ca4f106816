import { assessFeasibility, boundingBox, DomainError, MAX_COVERAGE_RADIUS_M, newEnvelope, updateVersioned, type CoverageNode, type EventEnvelope, type Feasibility, type FeasibilityQuery } from '@vinculo/common';
import { reservePort, settlePort, type NodePorts } from '../domain/network';
import type { NetworkNodeDoc } from '../store/node.model';
import type { Actor, Deps } from './deps';

/** The node as feasibility (and the CoverageChanged snapshot) sees it: reserved ports count as used. */
export function coverageNodeOf(n: NetworkNodeDoc): CoverageNode {
  return {
    nodeId: n._id,
    code: n.code,
    technology: n.technology,
    location: { latitude: n.location.latitude, longitude: n.location.longitude },
    coverageRadiusM: n.coverageRadiusM,
    portsTotal: n.portsTotal,
    portsUsed: n.portsInService + n.reservations.length,
    maxSpeedMbps: n.maxSpeedMbps,
    active: n.active,
  };
}

/** techsupport.CoverageChanged for a node at `nodeVersion` (its document version after the write). */
export function coverageChanged(n: Omit<NetworkNodeDoc, 'version' | 'outbox'>, nodeVersion: number, who: Actor): EventEnvelope {
  return newEnvelope('techsupport', who, {
    type: 'techsupport.CoverageChanged',
    subject: n._id,
    data: { ...coverageNodeOf(n as NetworkNodeDoc), nodeVersion, kind: n.kind, district: n.district },
  });
}

/** Feasibility from the inventory, with the shared rule (the same function the read models use). */
export async function assess(deps: Deps, tenantId: string, q: FeasibilityQuery): Promise<Feasibility> {
  const box = boundingBox(q.location, MAX_COVERAGE_RADIUS_M);
  const nodes = await deps.nodes
    .find({ tenantId, 'location.latitude': { $gte: box.minLat, $lte: box.maxLat }, 'location.longitude': { $gte: box.minLng, $lte: box.maxLng } })
    .lean<NetworkNodeDoc[]>();
  return assessFeasibility(nodes.map(coverageNodeOf), q);
}

/** Change a node's ports with optimistic retries (several work orders may reserve on one node at once). */
async function changePorts(deps: Deps, tenantId: string, nodeId: string, who: Actor, fn: (p: NodePorts) => NodePorts | string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const n = await deps.nodes.findOne({ _id: nodeId, tenantId }).lean<NetworkNodeDoc>();
    if (!n) return 'NO_NODE';
    const next = fn({ portsTotal: n.portsTotal, portsInService: n.portsInService, reservations: n.reservations });
    if (typeof next === 'string') return next;
    const changed = { ...n, portsInService: next.portsInService, reservations: next.reservations, updatedAt: new Date() };
    try {
      await updateVersioned(deps.nodes, { _id: nodeId, tenantId }, n.version, { $set: { portsInService: next.portsInService, reservations: next.reservations, updatedAt: changed.updatedAt } }, [coverageChanged(changed, n.version + 1, who)]);
      deps.published();
      return 'DONE';
    } catch (err) {
      if (!(err instanceof DomainError && err.kind === 'stale_version')) throw err;
    }
  }
  throw new DomainError('stale_version', `network node ${nodeId} is too busy; retry`);
}

/** Reserve a port for a work order (idempotent). 'FULL' when no port is free, 'NO_NODE' when unknown. */
export const reserve = (deps: Deps, tenantId: string, nodeId: string, workOrderId: string, who: Actor) =>
  changePorts(deps, tenantId, nodeId, who, (p) => reservePort(p, workOrderId));

/** A closed work order consumes (resolved) or releases its reserved port (idempotent). */
export const settle = (deps: Deps, tenantId: string, nodeId: string, workOrderId: string, resolved: boolean, who: Actor) =>
  changePorts(deps, tenantId, nodeId, who, (p) => settlePort(p, workOrderId, resolved));
