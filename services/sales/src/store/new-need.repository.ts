import { childConnection, findOneById, type PageArgs, type RequestContext } from '@vinculo/common';
import { needId, type NewNeedDoc, type NewNeedModel } from './new-need.model';

/** The portfolio's new needs as stored (one per cross-sell flag). */
export function newNeedRepository(model: NewNeedModel) {
  return {
    model,
    find: (tenantId: string, id: string): Promise<NewNeedDoc | null> => findOneById(model, tenantId, id),
    ofExecutive: (ctx: RequestContext, executiveId: string, args: PageArgs) =>
      childConnection<NewNeedDoc>(ctx, { name: 'Employee.newNeeds', model, parentField: 'executiveId', sortField: 'flaggedAt' }, executiveId, args),
    /** Insert-once by flag id: a redelivered flag is the same need, never changed. */
    async recordFlag(need: Omit<NewNeedDoc, '_id'>): Promise<void> {
      await model.updateOne({ _id: needId(need.tenantId, need.flagId) }, { $setOnInsert: need }, { upsert: true });
    },
  };
}
export type NewNeedRepository = ReturnType<typeof newNeedRepository>;
