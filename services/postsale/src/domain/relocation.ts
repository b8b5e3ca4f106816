import { badInput, ruleViolated, TECHNOLOGIES, type Feasibility, type Technology } from '@vinculo/common';

/** §3 C Relocation (traslado). */
export interface RelocationCommand {
  toAddress: string;
  neighbourhood?: string | null;
  latitude: number;
  longitude: number;
  technology?: string | null;
  /** R-PS-C2: the new product's plan (a plan of the catalog for the new technology); only with a technology change. */
  planCode?: string | null;
}

export interface Relocation {
  toAddress: string;
  neighbourhood: string | null;
  location: { latitude: number; longitude: number };
  technology: Technology;
  /** R-PS-C2: a technology change retires the old product and enters a new one. */
  technologyChange: boolean;
}

export function validateRelocation(cmd: RelocationCommand, current: { technology: string | null; installationAddress: string }): Relocation {
  const toAddress = cmd.toAddress.trim().replace(/\s+/g, ' ');
  if (toAddress.length < 5 || toAddress.length > 300) throw badInput('toAddress must have 5 to 300 characters', 'toAddress');
  if (toAddress === current.installationAddress) throw badInput('toAddress is the current installation address', 'toAddress');
  if (!(Math.abs(cmd.latitude) <= 90)) throw badInput('latitude must be between -90 and 90', 'latitude');
  if (!(Math.abs(cmd.longitude) <= 180)) throw badInput('longitude must be between -180 and 180', 'longitude');
  const technology = (cmd.technology ?? current.technology ?? 'COPPER') as Technology;
  if (!TECHNOLOGIES.includes(technology)) throw badInput(`technology must be one of ${TECHNOLOGIES.join(', ')}`, 'technology');
  const neighbourhood = cmd.neighbourhood?.trim() || null;
  if (neighbourhood && neighbourhood.length > 120) throw badInput('neighbourhood has at most 120 characters', 'neighbourhood');
  return {
    toAddress,
    neighbourhood,
    location: { latitude: cmd.latitude, longitude: cmd.longitude },
    technology,
    technologyChange: current.technology !== null && technology !== current.technology,
  };
}

/**
 * R-PS-C2: a technology change enters a new product, so its plan is required (the old plan is for
 * the old technology); without one the plan stays and a planCode is refused (a plan change is its
 * own request, §3 B). Returns the code to look up in the catalog, or null.
 */
export function relocationPlanCode(r: Pick<Relocation, 'technologyChange' | 'technology'>, planCode: string | null | undefined): string | null {
  const code = planCode?.trim().toUpperCase() || null;
  if (r.technologyChange && !code)
    throw badInput(`R-PS-C2: a relocation to ${r.technology} enters a new product: give its planCode, a ${r.technology} plan of the catalog`, 'planCode');
  if (!r.technologyChange && code) throw badInput('planCode is for a relocation with technology change; a plan change is its own request', 'planCode');
  return code;
}

/** R-PS-C1: technical feasibility at the new address is required; otherwise the customer is told and the request closes. */
export function assertRelocationFeasible(feasibility: Feasibility): { nodeId: string } {
  if (!feasibility.feasible) {
    throw ruleViolated('R-PS-C1', `No technical feasibility at the new address (${feasibility.reason}: ${feasibility.detail}); the request is closed`);
  }
  return { nodeId: feasibility.nodeId };
}

/**
 * R-PS-C2: without a technology change the relocation itself is entered (new address, RELOCATION work
 * order); with one the old product is retired (equipment returned) and a new product is entered at
 * the new address on the new technology.
 */
export const relocationPlan = (r: Pick<Relocation, 'technologyChange'>): 'RELOCATE' | 'REPLACE_PRODUCT' =>
  r.technologyChange ? 'REPLACE_PRODUCT' : 'RELOCATE';
