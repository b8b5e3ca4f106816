import type { EventEnvelope, EventHandler } from '@vinculo/common';
import type { Deps } from '../application/deps';
import {
  ensureMigrationWorkOrder, ensureRepairWorkOrder, ensureVisitWorkOrder, openInstallationForSale, openRelocation, openReplacementInstallation,
  retrieveForWithdrawal, settleClosedWorkOrder, ticketFromLoyaltyCall,
} from '../application/reactions';

interface SalesOrderPlaced { orderId: string; customerId: string; planCode: string; installationAddress: string; nodeId?: string | null }
interface RelocationEntered { requestId: string; installedProductId: string; customerId: string; fromAddress?: string; toAddress: string; neighbourhood?: string | null; nodeId?: string | null }
interface ReplacementInstallationEntered { requestId: string; installedProductId: string; customerId: string; fromAddress?: string; toAddress: string; neighbourhood?: string | null; planCode: string; technology: string; nodeId: string }
interface WithdrawalEntered { requestId: string; installedProductId: string; customerId: string; address: string; equipment: { code: string; description?: string }[] }
interface ServiceProblemReported { problemId: string; customerId: string; executiveId: string; description: string; reportedAt: string; service?: 'LINE' | 'TV' | 'INTERNET' }
interface WorkOrderClosed { workOrderId: string; outcome: 'CLOSED_RESOLVED' | 'CLOSED_UNFOUNDED' | 'CLOSED_UNRESOLVED'; closedAt: string }

/**
 * The contracts techsupport consumes, each wired to its use case (application/reactions.ts): work
 * orders opened from other subgraphs' events, tickets from loyalty calls, and our own facts.
 */
export function consumers(deps: Deps): Record<string, EventHandler> {
  return {
    'sales.SalesOrderPlaced': (e: EventEnvelope<SalesOrderPlaced>) => openInstallationForSale(deps, e, e.data),
    'postsale.RelocationEntered': (e: EventEnvelope<RelocationEntered>) => openRelocation(deps, e, e.data),
    'postsale.ReplacementInstallationEntered': (e: EventEnvelope<ReplacementInstallationEntered>) => openReplacementInstallation(deps, e, e.data),
    'postsale.WithdrawalEntered': (e: EventEnvelope<WithdrawalEntered>) => retrieveForWithdrawal(deps, e, e.data),
    'customers.ServiceProblemReported': (e: EventEnvelope<ServiceProblemReported>) => ticketFromLoyaltyCall(deps, e, e.data),
    'techsupport.DamageTicketChanged': (e: EventEnvelope<{ ticketId: string; change: string }>) => ensureRepairWorkOrder(deps, e, e.data),
    'techsupport.PreventiveReviewRecorded': (e: EventEnvelope<{ reviewId: string; migration: string | null }>) => ensureMigrationWorkOrder(deps, e, e.data),
    'techsupport.SupportVisitChanged': (e: EventEnvelope<{ visitId: string; status: string }>) => ensureVisitWorkOrder(deps, e, e.data),
    'techsupport.WorkOrderClosed': (e: EventEnvelope<WorkOrderClosed>) => settleClosedWorkOrder(deps, e, e.data),
  };
}
