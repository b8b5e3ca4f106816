import { findByIds, upsertNewest } from '@vinculo/common';
import { targetId, type SalesTargetDoc, type SalesTargetModel } from './target.model';

/** The month's targets as stored (one document per tenant, executive and month). */
export function salesTargetRepository(model: SalesTargetModel) {
  return {
    model,
    /** These executives' targets of the month (absent when none was set or planned). */
    ofExecutives: (tenantId: string, executiveIds: readonly string[], month: string) =>
      findByIds(
        model,
        tenantId,
        executiveIds.map((e) => targetId(tenantId, e, month)),
      ),
    /** The executives a lead planned or set targets for in the month. */
    plannedBy: (tenantId: string, month: string, leadId: string) =>
      model.find({ tenantId, month, leadId }, { executiveId: 1 }).lean<Pick<SalesTargetDoc, '_id' | 'executiveId'>[]>().exec(),
    /** The month's targets of the tenant, or of one executive. */
    inMonth: (scope: { tenantId: string; executiveId?: string }, month: string) =>
      model
        .find({ ...scope, month })
        .lean<SalesTargetDoc[]>()
        .exec(),
    /** Set (create or overwrite) the figures given; the rest keeps its value or default. */
    async set(fields: Omit<SalesTargetDoc, '_id' | 'leadId' | 'portfolioCustomerIds' | 'planRevision'> & { leadId?: string }): Promise<SalesTargetDoc> {
      const saved = await model
        .findOneAndUpdate(
          { _id: targetId(fields.tenantId, fields.executiveId, fields.month) },
          { $set: fields },
          { upsert: true, new: true, setDefaultsOnInsert: true },
        )
        .lean<SalesTargetDoc>();
      return saved!;
    },
    /**
     * A month plan's revision: created when absent, then overwritten only by a newer revision (a
     * repeated or older one changes nothing). Amounts set by setSalesTarget are kept.
     */
    async applyPlan(
      tenantId: string,
      plan: { executiveId: string; month: string; revision: number; newCapturesCount: number; portfolioCustomerIds: string[]; leadId: string; at: Date },
    ): Promise<void> {
      await upsertNewest(model, {
        key: { _id: targetId(tenantId, plan.executiveId, plan.month) },
        field: 'planRevision',
        version: plan.revision,
        set: { newCapturesCount: plan.newCapturesCount, portfolioCustomerIds: plan.portfolioCustomerIds, leadId: plan.leadId, updatedAt: plan.at },
        setOnInsert: { tenantId, executiveId: plan.executiveId, month: plan.month },
      });
    },
  };
}
export type SalesTargetRepository = ReturnType<typeof salesTargetRepository>;
