import { authorize, badInput, byIdLoader, paginate, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { NetworkNodeDoc } from '../../store/node.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { assess } from '../../application/network';

export const loadNode = ({ nodes }: ResolverDeps, ctx: RequestContext, id: string) => byIdLoader(nodes, 'nodeById')(ctx, id);

export const networkNode =
  (deps: ResolverDeps): NonNullable<QueryResolvers['networkNode']> =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readNetwork', ctx.principal);
    return loadNode(deps, ctx, id);
  };

export const networkNodes =
  (deps: ResolverDeps): NonNullable<QueryResolvers['networkNodes']> =>
  (_parent, { filter, first, after }, ctx) => {
    authorize(policy, 'readNetwork', ctx.principal);
    const q: Record<string, unknown> = { tenantId: ctx.principal.tenantId };
    if (filter?.technology) q.technology = filter.technology;
    if (filter?.district) q.district = filter.district;
    return paginate<NetworkNodeDoc>(deps.nodes, q, { first, after }, ctx.principal, { field: 'code', descending: false });
  };

/** Feasibility with the shared rule over the tenant's inventory. */
export const technicalFeasibility =
  (deps: ResolverDeps): NonNullable<QueryResolvers['technicalFeasibility']> =>
  (_parent, { location, technology, speedMbps }, ctx) => {
    authorize(policy, 'readNetwork', ctx.principal);
    if (!(Math.abs(location.latitude) <= 90)) throw badInput('latitude must be from -90 to 90', 'latitude');
    if (!(Math.abs(location.longitude) <= 180)) throw badInput('longitude must be from -180 to 180', 'longitude');
    if (speedMbps != null && !(speedMbps >= 0)) throw badInput('speedMbps cannot be negative', 'speedMbps');
    return assess(deps, ctx.principal.tenantId, { location, technology, speedMbps: speedMbps ?? null });
  };
