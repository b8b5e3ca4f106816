import { authorize, paginate, type CustomerDirectoryEntry } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { latestReviewsOf, reviewsOfDay } from '../../store/review.model';
import { inServiceOf } from '../../store/products.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/**
 * An executive's review list (§3 K): the portfolio from the customer directory (executiveId), each
 * customer with its products in service (postsale read model) and its last review.
 */
export const preventiveReviewList =
  (deps: ResolverDeps): NonNullable<QueryResolvers['preventiveReviewList']> =>
  async (_parent, { executiveId, first, after }, ctx) => {
    authorize(policy, 'readPreventive', ctx.principal);
    const tenantId = ctx.principal.tenantId;
    const page = await paginate<CustomerDirectoryEntry & { _id: string }>(deps.directory.model, { tenantId, executiveId }, { first, after }, ctx.principal, {
      field: '_id',
      descending: false,
    });
    const ids = page.edges.map((e) => e.node._id);
    const [products, reviews] = await Promise.all([inServiceOf(deps.products.model, tenantId, ids), latestReviewsOf(deps.reviews, tenantId, ids)]);
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: {
          customer: e.node,
          products: products.filter((p) => p.customerId === e.node._id),
          lastReview: reviews.find((r) => r?.customerId === e.node._id) ?? null,
        },
      })),
    };
  };

/** The analyst's daily report: the day's reviews (tenant time zone) and their count per outcome. */
export const preventiveDailyReport =
  (deps: ResolverDeps): NonNullable<QueryResolvers['preventiveDailyReport']> =>
  async (_parent, { day, analystId }, ctx) => {
    authorize(policy, 'readPreventive', ctx.principal);
    const analyst = analystId ?? ctx.principal.userId;
    const reviews = await reviewsOfDay(deps.reviews, ctx.principal.tenantId, analyst, day);
    const outcomes = ['CROSS_SELL', 'FIBER_MIGRATION', 'SERVICE_PROBLEM', 'NO_ACTION'] as const;
    return {
      day,
      analystId: analyst,
      total: reviews.length,
      byOutcome: outcomes.map((outcome) => ({ outcome, count: reviews.filter((r) => r.outcome === outcome).length })),
      reviews,
    };
  };
