import type { Handlers } from '@vinculo/common';
import type { Deps } from '../application/deps';
import {
  ensureMigrationWorkOrder,
  ensureRepairWorkOrder,
  ensureVisitWorkOrder,
  openInstallationForSale,
  openRelocation,
  openReplacementInstallation,
  retrieveForWithdrawal,
  settleClosedWorkOrder,
  ticketFromLoyaltyCall,
} from '../application/reactions';

/**
 * The contracts techsupport consumes, each wired to its use case (application/reactions.ts): work
 * orders opened from other subgraphs' events, tickets from loyalty calls, and our own facts.
 */
export function consumers(deps: Deps): Handlers {
  return {
    'sales.SalesOrderPlaced': (e) => openInstallationForSale(deps, e, e.data),
    'postsale.RelocationEntered': (e) => openRelocation(deps, e, e.data),
    'postsale.ReplacementInstallationEntered': (e) => openReplacementInstallation(deps, e, e.data),
    'postsale.WithdrawalEntered': (e) => retrieveForWithdrawal(deps, e, e.data),
    'customers.ServiceProblemReported': (e) => ticketFromLoyaltyCall(deps, e, e.data),
    'techsupport.DamageTicketChanged': (e) => ensureRepairWorkOrder(deps, e, e.data),
    'techsupport.PreventiveReviewRecorded': (e) => ensureMigrationWorkOrder(deps, e, e.data),
    'techsupport.SupportVisitChanged': (e) => ensureVisitWorkOrder(deps, e, e.data),
    'techsupport.WorkOrderClosed': (e) => settleClosedWorkOrder(deps, e, e.data),
  };
}
