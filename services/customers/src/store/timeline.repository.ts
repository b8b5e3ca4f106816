import { paginate, type PageArgs, type Principal } from '@vinculo/common';
import type { FilterQuery } from 'mongoose';
import type { TimelineItemDoc, TimelineModel } from './timeline.model';
import type { Channel } from '../domain/interaction';
import type { TimelineKind } from '../domain/timeline';

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
    /** A page of one customer's timeline, newest first (event time, then id: a stable order). */
    page(principal: Principal, customerId: string, filter: TimelineFilter, args: PageArgs) {
      const query: FilterQuery<TimelineItemDoc> = { tenantId: principal.tenantId, customerId };
      if (filter.kinds?.length) query.kind = { $in: filter.kinds };
      if (filter.channels?.length) query.channel = { $in: filter.channels };
      if (filter.from || filter.to) query.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
      return paginate<TimelineItemDoc>(model, query, args, principal, { field: 'at', descending: true });
    },
  };
}
export type TimelineRepository = ReturnType<typeof timelineRepository>;
