import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type EventEnvelope } from '@vinculo/common';
import type { PlanFields, PriceChange, PromotionFields } from '../domain/catalog';

/** A catalog plan (collection `sales_plans`), unique code per tenant, with its price history. */
export interface PlanDoc extends PlanFields {
  _id: string;
  tenantId: string;
  currency: string;
  priceHistory: PriceChange[];
  version: number;
  outbox: EventEnvelope[];
}

const planSchema = new Schema<PlanDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    code: { type: String, required: true },
    name: String,
    family: String,
    technology: { type: String, default: null },
    speedMbps: { type: Number, default: null },
    monthlyFeeMinor: Number,
    installationCostMinor: Number,
    supplementaryServices: { type: [String], default: [] },
    minimumPermanenceMonths: { type: Number, default: 0 },
    active: { type: Boolean, default: true },
    currency: String,
    priceHistory: { type: Schema.Types.Mixed, default: [] },
  },
  { collection: 'sales_plans', versionKey: false, minimize: false },
);
planSchema.plugin(outboxPlugin);
planSchema.index({ tenantId: 1, code: 1 }, { unique: true });
planSchema.index({ tenantId: 1, family: 1, code: 1, _id: 1 });

/** A promotion (collection `sales_promotions`), unique code per tenant. */
export interface PromotionDoc extends PromotionFields {
  _id: string;
  tenantId: string;
  createdBy: string;
  createdAt: Date;
}

const promotionSchema = new Schema<PromotionDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    code: { type: String, required: true },
    name: String,
    planCodes: [String],
    monthlyDiscountPercent: Number,
    installationDiscountPercent: Number,
    validFrom: String,
    validTo: String,
    createdBy: String,
    createdAt: Date,
  },
  { collection: 'sales_promotions', versionKey: false },
);
promotionSchema.index({ tenantId: 1, code: 1 }, { unique: true });
// promotions(validOn): the window filter, then by code (the connection's order).
promotionSchema.index({ tenantId: 1, validTo: 1, validFrom: 1, code: 1 });

export type PlanModel = Model<PlanDoc>;
export type PromotionModel = Model<PromotionDoc>;
export const planModel = (conn: Connection): PlanModel => conn.model<PlanDoc>('SalesPlan', planSchema);
export const promotionModel = (conn: Connection): PromotionModel => conn.model<PromotionDoc>('SalesPromotion', promotionSchema);
