import { byIdLoader, childConnection, findOneById, type PageArgs, type RequestContext } from '@vinculo/common';
import { UNCLOSED_PROJECT_STATUSES } from '../domain/sale-project';
import type { SaleProjectDoc, SaleProjectModel } from './sale-project.model';

/** Whose projects a report reads: the tenant's, or one executive's. */
export interface ProjectScope {
  tenantId: string;
  executiveId?: string;
}

/** Sale projects as stored: reads for resolvers, reports and use cases, and the creation write. */
export function saleProjectRepository(model: SaleProjectModel) {
  return {
    model,
    /** A project of the caller's tenant by id, batched per request. */
    load: (ctx: RequestContext, id: string): Promise<SaleProjectDoc | null> => byIdLoader(model, 'saleProjectById')(ctx, id),
    find: (tenantId: string, id: string): Promise<SaleProjectDoc | null> => findOneById(model, tenantId, id),
    exists: async (tenantId: string, id: string): Promise<boolean> => !!(await model.exists({ _id: id, tenantId })),
    create: async (doc: SaleProjectDoc): Promise<SaleProjectDoc> => (await model.create(doc)).toObject(),
    ofCustomer: (ctx: RequestContext, customerId: string, args: PageArgs) =>
      childConnection<SaleProjectDoc>(ctx, { name: 'Customer.saleProjects', model, parentField: 'customerId', sortField: 'createdAt' }, customerId, args),
    ofExecutive: (ctx: RequestContext, executiveId: string, args: PageArgs) =>
      childConnection<SaleProjectDoc>(ctx, { name: 'Employee.saleProjects', model, parentField: 'executiveId', sortField: 'createdAt' }, executiveId, args),
    /** The executives' projects closed (order entered / lost) in the month. */
    closedIn: (tenantId: string, executiveIds: string[], month: string) =>
      model
        .find({ tenantId, executiveId: { $in: executiveIds }, closedMonth: month })
        .lean<SaleProjectDoc[]>()
        .exec(),
    /** The executives' projects still open (only who holds each). */
    openOf: (tenantId: string, executiveIds: string[]) =>
      model
        .find({ tenantId, executiveId: { $in: executiveIds }, status: { $in: [...UNCLOSED_PROJECT_STATUSES] } }, { executiveId: 1 })
        .lean<Pick<SaleProjectDoc, '_id' | 'executiveId'>[]>()
        .exec(),
    /** R-SAL-KPI affiliations: regulated new captures whose order was entered in the month. */
    affiliatedIn: (scope: ProjectScope, month: string) =>
      model.countDocuments({ ...scope, closedMonth: month, status: 'ORDER_ENTERED', kind: 'NEW_CAPTURE', market: 'REGULATED' }).exec(),
    /** R-SAL-KPI sales budget: non-regulated sales whose order was entered in the month. */
    nonRegulatedSoldIn: (scope: ProjectScope, month: string) =>
      model
        .find({ ...scope, closedMonth: month, status: 'ORDER_ENTERED', market: 'NON_REGULATED' })
        .lean<SaleProjectDoc[]>()
        .exec(),
  };
}
export type SaleProjectRepository = ReturnType<typeof saleProjectRepository>;
