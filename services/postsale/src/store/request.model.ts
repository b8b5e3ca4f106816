import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc, type Technology } from '@vinculo/common';
import type { QcOutcome, RequestChannel, RequestStatus, RequestType, Resolution } from '../domain/request';
import type { RequirementCheck } from '../domain/requirements';
import type { ChargeSettlement, EquipmentItem, EquipmentSettlement, FinalBilling, RetentionRecord } from '../domain/withdrawal';
import type { Carrier, DeliveryChannel } from '../domain/call-detail';
import type { PqrKind } from '../domain/pqr';
import type { SupplementaryService } from '../domain/product-changes';
import type { Restoration } from '../domain/suspension';

/** What each type of request carries (only the member of its type is set). */
export interface RequestDetails {
  supplementaryService?: { service: SupplementaryService; action: 'ENABLE' | 'DISABLE' };
  planChange?: { fromPlanCode: string; planCode: string; monthlyFeeMinor: number; effectiveDate: string | null; direction: string | null };
  relocation?: {
    fromAddress: string;
    toAddress: string;
    neighbourhood: string | null;
    location: { latitude: number; longitude: number };
    technology: Technology;
    technologyChange: boolean;
    nodeId: string | null;
    infeasibility: string | null;
    newInstalledProductId: string | null;
    /** R-PS-C2 (absent on relocations entered before the new product was installed first): the new product's catalog plan. */
    newPlan?: { planCode: string; family: string; speedMbps: number | null; monthlyFeeMinor: number } | null;
    /** R-PS-C2: the old product's equipment, retrieved at the old address once the new product is installed. */
    equipment?: EquipmentItem[];
    /** R-PS-C2: the retrieval's checklist, once its work order closed. */
    settlement?: EquipmentSettlement[] | null;
  };
  suspension?: { startDate: string; endDate: string };
  reconnection?: { date: string | null; restoration: Restoration | null; withinHours: number | null };
  callDetail?: { months: string[]; carrier: Carrier; deliveryChannel: DeliveryChannel; chargeableMonths: string[]; amountMinor: number };
  withdrawal?: {
    reason: string;
    equipment: EquipmentItem[];
    retention: RetentionRecord | null;
    penaltyMinor: number | null;
    penaltyAccepted: boolean | null;
    effectiveDate: string | null;
    finalBilling: FinalBilling | null;
    settlement: EquipmentSettlement[] | null;
    /** R-PS-H4: how the equipment receivable is billed (absent on requests stored before it existed = NEXT_INVOICE). */
    equipmentSettlement?: ChargeSettlement;
  };
  pqr?: { kind: PqrKind; subject: string; description: string; deadline: string; answer: string | null; answeredOn: string | null };
}

export interface RequestedChargeDoc {
  chargeId: string;
  kind: string;
  amountMinor: number;
  description: string;
  /** How collections bills it (absent = NEXT_INVOICE). */
  settlement?: ChargeSettlement;
}

/** A post-sale request (solicitud de post venta), as stored (collection `postsale_requests`). */
export interface PostSaleRequestDoc {
  _id: string;
  /** The business number (PS-…, issue #15): unique; absent on requests stored before numbers. */
  number?: string;
  tenantId: string;
  type: RequestType;
  customerId: string;
  installedProductId: string | null;
  channel: RequestChannel;
  status: RequestStatus;
  resolution: Resolution | null;
  requirements: RequirementCheck[];
  team: string;
  /** The clerk who handles it. */
  assigneeId: string;
  /** The executive who makes the quality-control call. */
  qcExecutiveId: string | null;
  receivedAt: Date;
  /** Local day and month received (tenant time zone). */
  receivedOn: string;
  month: string;
  /** When the requirements were complete (the KPI clock starts). */
  readyAt: Date | null;
  enteredAt: Date | null;
  /** When it was attended: entered, or closed without entry. */
  attendedAt: Date | null;
  closedAt: Date | null;
  currency: string;
  feeMinor: number;
  charges: RequestedChargeDoc[];
  workOrderId: string | null;
  workOrderOutcome: string | null;
  qcDueAt: Date | null;
  qcOutcome: QcOutcome | null;
  details: RequestDetails;
  history: StatusChangeDoc[];
  /**
   * R-PS-KPI counts this write changed and that are not yet in the month's counts (application/kpi-months.ts):
   * pushed in the same versioned write as the change, taken off once added. Absent on requests stored before.
   */
  kpiDeltas?: KpiDelta[];
  /** The months of the pending `kpiDeltas` (top-level, so an equality index finds a month's pending requests). */
  kpiPending?: string[];
  version: number;
  outbox: EventEnvelope[];
}

/** A change to a month's KPI counts, key `<request id>@<version>~<month>`: added to the month once. */
export interface KpiDelta {
  key: string;
  month: string;
  inc: { p: string; n: number }[];
}

const checkSchema = new Schema({ requirement: String, provided: Boolean, attachmentId: { type: String, default: null } }, { _id: false });
const chargeSchema = new Schema({ chargeId: String, kind: String, amountMinor: Number, description: String, settlement: String }, { _id: false });

const schema = new Schema<PostSaleRequestDoc>(
  {
    _id: { type: String, required: true },
    // No default: a request without a number stays out of the sparse unique index.
    number: { type: String },
    tenantId: { type: String, required: true },
    type: { type: String, required: true },
    customerId: { type: String, required: true },
    installedProductId: { type: String, default: null },
    channel: { type: String, required: true },
    status: { type: String, required: true },
    resolution: { type: String, default: null },
    requirements: { type: [checkSchema], default: [] },
    team: { type: String, required: true },
    assigneeId: { type: String, required: true },
    qcExecutiveId: { type: String, default: null },
    receivedAt: { type: Date, required: true },
    receivedOn: { type: String, required: true },
    month: { type: String, required: true },
    readyAt: { type: Date, default: null },
    enteredAt: { type: Date, default: null },
    attendedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    currency: { type: String, required: true },
    feeMinor: { type: Number, default: 0 },
    charges: { type: [chargeSchema], default: [] },
    workOrderId: { type: String, default: null },
    workOrderOutcome: { type: String, default: null },
    qcDueAt: { type: Date, default: null },
    qcOutcome: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
    history: { type: [statusChangeSchema], default: [] },
    kpiDeltas: {
      type: [new Schema({ key: String, month: String, inc: [new Schema({ p: String, n: Number }, { _id: false })] }, { _id: false })],
      default: undefined,
    },
    kpiPending: { type: [String], default: undefined },
  },
  { collection: 'postsale_requests', versionKey: false, minimize: false },
);
schema.plugin(outboxPlugin);
// Work queues: by status (and assignee / QC executive), oldest first; the lead's queue by type or team alone.
schema.index({ tenantId: 1, status: 1, receivedAt: 1, _id: 1 });
// Business numbers: unique (so per tenant too), found by number (postSaleRequestByNumber); one sparse field,
// as a compound index with tenantId would index older requests without a number as duplicate nulls.
schema.index({ number: 1 }, { unique: true, sparse: true });
// withdrawalsAwaitingEquipment: WITHDRAWAL IN_FIELD, the first entered (first due) first.
schema.index({ tenantId: 1, type: 1, status: 1, enteredAt: 1, _id: 1 });
schema.index({ tenantId: 1, receivedAt: 1, _id: 1 });
schema.index({ tenantId: 1, assigneeId: 1, status: 1, receivedAt: 1, _id: 1 });
schema.index({ tenantId: 1, qcExecutiveId: 1, status: 1, receivedAt: 1, _id: 1 });
// Customer.postSaleRequests, newest first; the monthly indicators.
schema.index({ tenantId: 1, customerId: 1, receivedAt: -1, _id: -1 });
schema.index({ tenantId: 1, month: 1 });
// A month's requests whose KPI deltas are pending (a writer died before adding them): few, found by equality.
schema.index({ tenantId: 1, kpiPending: 1 }, { sparse: true });

export type PostSaleRequestModel = Model<PostSaleRequestDoc>;
export const postSaleRequestModel = (conn: Connection): PostSaleRequestModel => conn.model<PostSaleRequestDoc>('PostSaleRequest', schema);

/** A request of the tenant by its business number (PS-…); null when unknown in the tenant. */
export const requestByNumber = (model: PostSaleRequestModel, tenantId: string, number: string) =>
  model.findOne({ number, tenantId }, { outbox: 0 }).lean<PostSaleRequestDoc>().exec();
