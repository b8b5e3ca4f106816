import { authorize, paginate } from '@vinculo/common';
import type { FilterQuery } from 'mongoose';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { PostSaleRequestDoc } from '../../store/request.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** The work queue: the tenant's requests by status, assignee or QC executive, oldest first (stable by id). */
export const postSaleRequests =
  ({ requests }: ResolverDeps): NonNullable<QueryResolvers['postSaleRequests']> =>
  (_parent, { filter, first, after }, ctx) => {
    authorize(policy, 'readWorkQueue', ctx.principal);
    const q: FilterQuery<PostSaleRequestDoc> = { tenantId: ctx.principal.tenantId };
    if (filter?.status?.length) q.status = { $in: filter.status };
    if (filter?.type) q.type = filter.type;
    if (filter?.assigneeId) q.assigneeId = filter.assigneeId;
    if (filter?.qcExecutiveId) q.qcExecutiveId = filter.qcExecutiveId;
    if (filter?.team) q.team = filter.team.trim().toUpperCase();
    return paginate<PostSaleRequestDoc>(requests, q, { first, after }, ctx.principal, { field: 'receivedAt', descending: false });
  };
