import { byIdLoader, byKeys, loader, type PageArgs, paginate, type Principal, type RequestContext } from '@vinculo/common';
import type { FilterQuery } from 'mongoose';
import type { PlanDoc, PlanModel, PromotionDoc, PromotionModel } from './catalog.model';

/** The catalog as stored: plans (aggregates with an outbox) and promotions, by code within the tenant. */
export function catalogRepository(plans: PlanModel, promotions: PromotionModel) {
  return {
    plans,
    promotions,
    /** A plan of the caller's tenant by code, batched per request. */
    loadPlan: (ctx: RequestContext, code: string): Promise<PlanDoc | null> =>
      loader<string, PlanDoc>(ctx, 'planByCode', async (codes) =>
        byKeys(codes, await plans.find({ tenantId: ctx.principal.tenantId, code: { $in: [...codes] } }).lean<PlanDoc[]>(), (p) => p.code),
      ).load(code),
    loadPlanById: (ctx: RequestContext, id: string): Promise<PlanDoc | null> => byIdLoader(plans, 'planById')(ctx, id),
    loadPromotionById: (ctx: RequestContext, id: string): Promise<PromotionDoc | null> => byIdLoader(promotions, 'promotionById')(ctx, id),
    planByCode: (tenantId: string, code: string): Promise<PlanDoc | null> => plans.findOne({ tenantId, code }).lean<PlanDoc>().exec(),
    plansByCodes: (tenantId: string, codes: string[]) =>
      plans
        .find({ tenantId, code: { $in: codes } })
        .lean<PlanDoc[]>()
        .exec(),
    promotionsByCodes: (tenantId: string, codes: string[]) =>
      promotions
        .find({ tenantId, code: { $in: codes } })
        .lean<PromotionDoc[]>()
        .exec(),
    countPlans: (tenantId: string, codes: string[]) => plans.countDocuments({ tenantId, code: { $in: codes } }).exec(),
    createPlan: async (doc: PlanDoc): Promise<PlanDoc> => (await plans.create(doc)).toObject(),
    createPromotion: async (doc: PromotionDoc): Promise<PromotionDoc> => (await promotions.create(doc)).toObject(),
    /** Plans by code; `family` already normalised. */
    planPage: (principal: Principal, filter: { family?: string; activeOnly?: boolean }, args: PageArgs) => {
      const q: FilterQuery<PlanDoc> = { tenantId: principal.tenantId };
      if (filter.family !== undefined) q.family = filter.family;
      if (filter.activeOnly) q.active = true;
      return paginate<PlanDoc>(plans, q, args, principal, { field: 'code', descending: false });
    },
    /** Promotions valid on a day, by code. */
    promotionPage: (principal: Principal, validOn: string, args: PageArgs) =>
      paginate<PromotionDoc>(promotions, { tenantId: principal.tenantId, validFrom: { $lte: validOn }, validTo: { $gte: validOn } }, args, principal, {
        field: 'code',
        descending: false,
      }),
  };
}
export type CatalogRepository = ReturnType<typeof catalogRepository>;
