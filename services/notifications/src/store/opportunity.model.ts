import { Schema, type Connection, type Model } from 'mongoose';
import { lifecycleRanks, timeOrderedWriter, type EventData, type EventHandler, type Handlers } from '@vinculo/common';

/** Opportunities and their stage (collection `opportunity_stages`), from proposals.* events: what the weekly follow-up lists. */
export interface OpportunityStageDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  title: string | null;
  stage: string;
  open: boolean;
  openedAt: Date;
  /** The last event applied, `eventOrder(event, lifecycle rank)` (before: its bare time); an older one changes nothing. */
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

/**
 * An opportunity's lifecycle, for two events of one command (same time): the later step wins. Across
 * commands the time decides (a proposal sent back and resubmitted moves by time, not by rank).
 */
const RANK = lifecycleRanks<StageEvent>([
  'proposals.OpportunityQualified',
  'proposals.BusinessCaseDecided',
  'proposals.ProposalSubmittedToCompliance',
  'proposals.ProposalReviewed',
  'proposals.ProposalSent',
  'proposals.ClientCommentsReceived',
  ['proposals.OpportunityWon', 'proposals.OpportunityLost'],
]);

export function opportunityStages(conn: Connection) {
  const model: OpportunityStageModel = conn.model<OpportunityStageDoc>('OpportunityStage', schema);
  const write = timeOrderedWriter(model, { field: 'asOf' });
  const handler =
    <K extends StageEvent>(type: K): EventHandler<K> =>
    async (e) => {
      const { stage, open } = STAGES[type](e.data);
      await write(e, RANK[type], e.data.opportunityId, {
        set: { customerId: e.data.customerId, stage, open, ...('title' in e.data && e.data.title ? { title: e.data.title } : {}) },
        setOnInsert: { openedAt: new Date(e.time) },
      });
    };
  return { model, handlers: Object.fromEntries((Object.keys(STAGES) as StageEvent[]).map((t) => [t, handler(t)])) as Handlers };
}
