import type { CustomerDirectoryEntry, Feasibility } from '@vinculo/common';
import type { InstalledProductEntry } from '../store/products.model';
import type { PreventiveReviewDoc } from '../store/review.model';

/** Feasibility as answered (the node is loaded by id when asked for). */
export type FeasibilityView = Feasibility;

/** One line of an executive's preventive review list. */
export interface ReviewItemView {
  customer: CustomerDirectoryEntry;
  products: InstalledProductEntry[];
  lastReview: PreventiveReviewDoc | null;
}
