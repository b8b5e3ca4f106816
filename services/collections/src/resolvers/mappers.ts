import type { BillingAccountDoc } from '../store/billing-account.model';
import type { PaymentPromiseDoc } from '../store/payment-promise.model';
import type { InvoiceDoc } from '../store/invoice.model';

/** What evaluateStandings returns before mapping. */
export interface EvaluateStandingsResult {
  evaluated: number;
  changed: BillingAccountDoc[];
  promisesSettled: PaymentPromiseDoc[];
}

/** One line of the overdue worklist before mapping. */
export interface OverdueWorklistEntryView {
  account: BillingAccountDoc;
  pendingPromise: PaymentPromiseDoc | null;
  followUpDue: boolean;
}

/** What importInvoice returns before mapping. */
export interface ImportInvoiceResult {
  invoice: InvoiceDoc;
  created: boolean;
}
