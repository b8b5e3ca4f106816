import { Schema, type Connection, type Model } from 'mongoose';
import type { EventData, EventHandler, Handlers } from '@vinculo/common';

/** Opportunities and their stage (collection `opportunity_stages`), from proposals.* events: what the weekly follow-up lists. */
export interface OpportunityStageDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  title: string | null;
  stage: string;
  open: boolean;
  openedAt: Date;
  asOf: string;
}

const schema = new Schema<OpportunityStageDoc>(
  { _id: String, tenantId: String, customerId: String, title: { type: String, default: null }, stage: String, open: Boolean, openedAt: Date, asOf: String },
  { collection: 'opportunity_stages', versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, open: 1, openedAt: 1 });

export type OpportunityStageModel = Model<OpportunityStageDoc>;

type StageEvent =
  | 'proposals.OpportunityQualified'
  | 'proposals.BusinessCaseDecided'
  | 'proposals.ProposalSubmittedToCompliance'
  | 'proposals.ProposalReviewed'
  | 'proposals.ProposalSent'
  | 'proposals.ClientCommentsReceived'
  | 'proposals.OpportunityWon'
  | 'proposals.OpportunityLost';

/** The stage an event leaves the opportunity in (open = still in the pipeline). */
const STAGES: { [K in StageEvent]: (d: EventData<K>) => { stage: string; open: boolean } } = {
  'proposals.OpportunityQualified': () => ({ stage: 'CALIFICADA', open: true }),
  'proposals.BusinessCaseDecided': (d) => (d.decision === 'NO_GO' ? { stage: 'NO_GO', open: false } : { stage: 'GO', open: true }),
  'proposals.ProposalSubmittedToCompliance': () => ({ stage: 'EN_CUMPLIMIENTO', open: true }),
  'proposals.ProposalReviewed': (d) => ({ stage: d.outcome === 'APPROVED' ? 'APROBADA' : 'DEVUELTA', open: true }),
  'proposals.ProposalSent': () => ({ stage: 'ENVIADA', open: true }),
  'proposals.ClientCommentsReceived': () => ({ stage: 'OBSERVADA_POR_CLIENTE', open: true }),
  'proposals.OpportunityWon': () => ({ stage: 'GANADA', open: false }),
  'proposals.OpportunityLost': () => ({ stage: 'PERDIDA', open: false }),
};

export function opportunityStages(conn: Connection) {
  const model: OpportunityStageModel = conn.model<OpportunityStageDoc>('OpportunityStage', schema);
  const handler =
    <K extends StageEvent>(type: K): EventHandler<K> =>
    async (e) => {
      const { stage, open } = STAGES[type](e.data);
      await model
        .updateOne(
          { _id: e.data.opportunityId, tenantId: e.tenantId, $or: [{ asOf: { $lte: e.time } }, { asOf: { $exists: false } }] },
          {
            $set: {
              tenantId: e.tenantId,
              customerId: e.data.customerId,
              stage,
              open,
              asOf: e.time,
              ...('title' in e.data && e.data.title ? { title: e.data.title } : {}),
            },
            $setOnInsert: { openedAt: new Date(e.time) },
          },
          { upsert: true },
        )
        .catch((err: unknown) => {
          if ((err as { code?: number }).code !== 11000) throw err;
        });
    };
  return { model, handlers: Object.fromEntries((Object.keys(STAGES) as StageEvent[]).map((t) => [t, handler(t)])) as Handlers };
}
