import type { FeasibilityResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { loadNode } from './Query/network';

export const Feasibility = (deps: ResolverDeps): FeasibilityResolvers => ({
  reason: (f) => (f.feasible ? null : f.reason),
  detail: (f) => (f.feasible ? null : f.detail),
  node: (f, _a, ctx) => (f.feasible ? loadNode(deps, ctx, f.nodeId) : null),
  distanceM: (f) => (f.feasible ? f.distanceM : null),
  freePorts: (f) => (f.feasible ? f.freePorts : null),
});
