import type { NetworkNodeResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { loadNode } from './Query/network';
import { readAs } from './read';

export const NetworkNode = (deps: ResolverDeps): NetworkNodeResolvers => ({
  __resolveReference: (r, ctx) => readAs(ctx, 'readNetwork', () => loadNode(deps, ctx, r.id)),
  id: (n) => n._id,
  portsUsed: (n) => n.portsInService + n.reservations.length,
  portsReserved: (n) => n.reservations.length,
  nodeVersion: (n) => n.version,
});
