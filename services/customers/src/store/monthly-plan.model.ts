import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type EventEnvelope } from '@vinculo/common';

/** A lead's plan of one executive's month (collection `monthly_plans`); one per executive and month. */
export interface MonthlyPlanDoc {
  _id: string;
  tenantId: string;
  executiveId: string;
  month: string;
  newCaptureTarget: number;
  portfolioCustomerIds: string[];
  notes: string | null;
  plannedBy: string;
  plannedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const planSchema = new Schema<MonthlyPlanDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    executiveId: { type: String, required: true },
    month: { type: String, required: true },
    newCaptureTarget: { type: Number, required: true },
    portfolioCustomerIds: { type: [String], default: [] },
    notes: { type: String, default: null },
    plannedBy: { type: String, required: true },
    plannedAt: { type: Date, required: true },
  },
  { collection: 'monthly_plans', timestamps: true, versionKey: false },
);
planSchema.plugin(outboxPlugin);
planSchema.index({ tenantId: 1, executiveId: 1, month: 1 }, { unique: true });

export type MonthlyPlanModel = Model<MonthlyPlanDoc>;
export const monthlyPlanModel = (conn: Connection): MonthlyPlanModel => conn.model<MonthlyPlanDoc>('MonthlyPlan', planSchema);
