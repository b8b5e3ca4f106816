import { pageSize, paginate, type PageArgs, type RequestContext } from '@vinculo/common';
import type { FilterQuery } from 'mongoose';
import type { TimelineItemDoc, TimelineModel } from './timeline.model';
import type { Channel } from '../domain/interaction';
import type { TimelineKind } from '../domain/timeline';
import { firstPage } from './first-pages';

export interface TimelineFilter {
  kinds?: TimelineKind[] | null;
  channels?: Channel[] | null;
  from?: Date | null;
  to?: Date | null;
}

/** Reads of customers' timelines, always scoped to the tenant. */
export function timelineRepository(model: TimelineModel) {
  return {
    model,
    /**
     * A page of one customer's timeline, newest first (event time, then id: a stable order). First
     * pages are batched: N customers asking the same (first, filter) cost two queries together.
     */
    page(ctx: RequestContext, customerId: string, filter: TimelineFilter, args: PageArgs) {
      const { principal } = ctx;
      const query: FilterQuery<TimelineItemDoc> = { tenantId: principal.tenantId };
      if (filter.kinds?.length) query.kind = { $in: filter.kinds };
      if (filter.channels?.length) query.channel = { $in: filter.channels };
      if (filter.from || filter.to) query.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
      const sort = { field: 'at' as const, descending: true };
      if (args.after) return paginate<TimelineItemDoc>(model, { ...query, customerId }, args, principal, sort);
      return firstPage<TimelineItemDoc>(
        ctx,
        { name: 'Customer.timeline', model, query, parentField: 'customerId', sort },
        pageSize(args, principal),
        customerId,
      );
    },
  };
}
export type TimelineRepository = ReturnType<typeof timelineRepository>;
