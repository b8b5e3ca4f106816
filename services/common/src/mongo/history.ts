import { Schema } from 'mongoose';

/** One entry of a workflow entity's audit trail: who moved it from → to, when, with what note. */
export interface StatusChangeDoc {
  from: string | null;
  to: string;
  by: string;
  at: Date;
  note: string | null;
}

/** Sub-schema for `history: [StatusChangeDoc]` arrays. */
export const statusChangeSchema = new Schema<StatusChangeDoc>(
  { from: { type: String, default: null }, to: String, by: String, at: Date, note: { type: String, default: null } },
  { _id: false },
);
