import { Schema, type Connection, type Model } from 'mongoose';
import { upsertNewest, type EventHandler } from '@vinculo/common';
import type { CatalogPlan } from '../domain/product-changes';

/**
 * The sales catalog as post-sale knows it (collection `catalog_plans`), from sales.PlanChanged: the
 * plan snapshot after each change, newest planVersion kept. A plan change (§3 B) and the new product
 * of a relocation with technology change (R-PS-C2) take their plan and fee from here.
 */
export interface CatalogPlanDoc extends CatalogPlan {
  /** `<tenantId>:<code>`. */
  _id: string;
  tenantId: string;
  name: string;
  planVersion: number;
}

const schema = new Schema<CatalogPlanDoc>(
  {
    _id: String,
    tenantId: String,
    code: String,
    name: String,
    family: String,
    technology: { type: String, default: null },
    speedMbps: { type: Number, default: null },
    monthlyFeeMinor: Number,
    minimumPermanenceMonths: { type: Number, default: 0 },
    currency: String,
    active: Boolean,
    planVersion: Number,
  },
  { collection: 'catalog_plans', versionKey: false },
);

export function catalogReadModel(conn: Connection) {
  const model: Model<CatalogPlanDoc> = conn.model<CatalogPlanDoc>('CatalogPlan', schema);
  const idOf = (tenantId: string, code: string) => `${tenantId}:${code}`;

  const planChanged: EventHandler<'sales.PlanChanged'> = async (e) => {
    const d = e.data;
    const _id = idOf(e.tenantId, d.code);
    const set = {
      tenantId: e.tenantId,
      code: d.code,
      name: d.name,
      family: d.family,
      technology: d.technology ?? null,
      speedMbps: d.speedMbps ?? null,
      monthlyFeeMinor: d.monthlyFeeMinor,
      minimumPermanenceMonths: d.minimumPermanenceMonths ?? 0,
      currency: d.currency,
      active: d.active,
    };
    await upsertNewest(model, { key: { _id }, field: 'planVersion', version: d.planVersion, set });
  };

  return {
    model,
    handlers: { 'sales.PlanChanged': planChanged },
    /** The plan of the tenant's catalog with this code, or null when sales never published it. */
    async planOf(tenantId: string, code: string): Promise<CatalogPlan | null> {
      return model.findOne({ _id: idOf(tenantId, code.trim().toUpperCase()) }).lean<CatalogPlanDoc>();
    },
  };
}
export type CatalogReadModel = ReturnType<typeof catalogReadModel>;
