import { Schema, type Connection, type Model } from 'mongoose';
import { timeOrderedWriter, type EventData, type EventEnvelope, type EventHandler, type EventOf, type Handlers } from '@vinculo/common';
import type { DeadlineKind } from '../domain/deadlines';

/** Open date deadlines (collection `deadlines`, `_id` = `<kind>:<key>`): promises from collections, proposals' delivery dates. */
export interface DeadlineDoc {
  _id: string;
  tenantId: string;
  kind: DeadlineKind;
  key: string;
  customerId: string;
  dueDay: string;
  open: boolean;
  /** What the alert's template shows (the event's data). */
  data: Record<string, unknown>;
  /** The last event applied, `eventOrder(event, rank)` (before: its bare time); an older one changes nothing. */
  asOf: string;
  alerts: string[];
}

const schema = new Schema<DeadlineDoc>(
  {
    _id: String,
    tenantId: String,
    kind: String,
    key: String,
    customerId: String,
    dueDay: String,
    open: Boolean,
    data: { type: Schema.Types.Mixed, default: {} },
    asOf: String,
    alerts: { type: [String], default: [] },
  },
  { collection: 'deadlines', versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, open: 1, dueDay: 1 });
schema.index({ open: 1, tenantId: 1 });

export type DeadlineModel = Model<DeadlineDoc>;

type Data = { customerId: string };
type PromiseEvent = 'collections.PaymentPromiseMade' | 'collections.PaymentPromiseEvaluated';
type ProposalEvent = 'proposals.ProposalSubmittedToCompliance' | 'proposals.ProposalSent' | 'proposals.OpportunityWon' | 'proposals.OpportunityLost';

/** A deadline's life, for two events of one command (same time): closing wins. */
const OPENED = 0;
const CLOSED = 1;
/** A request's steps in order (postsale's RequestStatus), for two status changes of one command: closing ranks last. */
const REQUEST_STEP_RANK: Record<EventData<'postsale.PostSaleRequestStatusChanged'>['to'], number> = {
  RECEIVED: 0,
  WAITING_CUSTOMER: 0,
  AWAITING_ANSWER: 1,
  IN_FIELD: 1,
  QC_PENDING: 2,
  CLOSED: 3,
  CLOSED_INCOMPLETE: 3,
};

export function deadlines(conn: Connection) {
  const model: DeadlineModel = conn.model<DeadlineDoc>('Deadline', schema);
  /** `rank`: the event's place in the deadline's life (opened 0 < closed 1), for two events of one command. */
  const write = timeOrderedWriter(model, { field: 'asOf' });
  const upsert = async (e: EventEnvelope<Data>, rank: number, kind: DeadlineKind, key: string, set: Partial<DeadlineDoc>): Promise<void> => {
    await write(e, rank, `${kind}:${key}`, { set: { kind, key, customerId: e.data.customerId, ...set } });
  };
  const promise = (e: EventOf<PromiseEvent>) => e.data.promiseId;
  const opportunity = (e: EventOf<ProposalEvent>) => e.data.opportunityId;
  const close =
    <K extends PromiseEvent | ProposalEvent>(kind: DeadlineKind, keyOf: (e: EventOf<K>) => string): EventHandler<K> =>
    (e) =>
      upsert(e, CLOSED, kind, keyOf(e), { open: false });
  return {
    model,
    handlers: {
      'collections.PaymentPromiseMade': (e) => upsert(e, OPENED, 'PROMISE', promise(e), { open: true, dueDay: e.data.promisedDate, data: e.data }),
      'collections.PaymentPromiseEvaluated': close('PROMISE', promise),
      // A PQR's answer deadline while it is unanswered (postsale computes it; closing it ends the watch).
      'postsale.PostSaleRequestStatusChanged': (e) => {
        const d = e.data;
        if (d.requestType !== 'PQR' || !d.answerDueDate) return Promise.resolve();
        const open = d.to !== 'CLOSED' && d.to !== 'CLOSED_INCOMPLETE';
        return upsert(e, REQUEST_STEP_RANK[d.to], 'PQR', d.requestId, {
          open,
          dueDay: d.answerDueDate,
          data: { requestId: d.requestId, customerId: d.customerId, answerDueDate: d.answerDueDate, status: d.to },
        });
      },
      'proposals.ProposalSubmittedToCompliance': (e) =>
        upsert(e, OPENED, 'PROPOSAL', opportunity(e), { open: true, dueDay: e.data.committedDeliveryDate, data: e.data }),
      'proposals.ProposalSent': close('PROPOSAL', opportunity),
      'proposals.OpportunityWon': close('PROPOSAL', opportunity),
      'proposals.OpportunityLost': close('PROPOSAL', opportunity),
    } satisfies Handlers,
  };
}
