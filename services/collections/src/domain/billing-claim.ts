import { badInput, boundedText, nextActFor, ruleViolated, wrongState, type NextActs } from '@vinculo/common';

/**
 * Billing claim (reclamo de facturación, §3 F): registered and routed to the claims unit (ASSIGNED) →
 * RESOLVED (accepted with a credit adjustment, or rejected with a reason) → the customer is told:
 * satisfied → CLOSED; unhappy → R-COL-F1 escalated back to the claims unit (ASSIGNED again, team lead
 * and division head notified). An ASSIGNED claim may be urged (urgent follow-up).
 */
export type ClaimStatus = 'ASSIGNED' | 'RESOLVED' | 'CLOSED';
export type ClaimOutcome = 'ACCEPTED' | 'REJECTED';

export interface ClaimState {
  status: ClaimStatus;
  invoiceTotalMinor: number;
  creditedMinor: number;
}

export type ClaimCommand =
  { kind: 'resolve'; accepted: boolean; creditMinor: number; reason: string } | { kind: 'inform'; satisfied: boolean } | { kind: 'urge' };

export type ClaimDecision =
  | { to: 'RESOLVED'; outcome: ClaimOutcome; creditMinor: number; reason: string }
  | { to: 'CLOSED' }
  | { to: 'ASSIGNED'; escalated: true }
  | { to: 'ASSIGNED'; urged: true };

const FLOW: readonly ClaimStatus[] = ['ASSIGNED', 'RESOLVED', 'CLOSED'];
const NEXT_ACT: NextActs<ClaimStatus> = { ASSIGNED: 'resolveBillingClaim', RESOLVED: 'informBillingClaimOutcome' };
const illegal = (from: ClaimStatus, what: string, allowedFrom: readonly ClaimStatus[]) =>
  wrongState({ entity: 'billing claim', current: from, act: `be ${what}`, allowedFrom, nextAct: nextActFor(NEXT_ACT, from, allowedFrom, FLOW) });

export function validClaimText(text: string, field: string): string {
  return boundedText(text, field, 3, 1000, 'keep');
}

export function decideClaim(state: ClaimState, cmd: ClaimCommand): ClaimDecision {
  switch (cmd.kind) {
    case 'resolve': {
      if (state.status !== 'ASSIGNED') throw illegal(state.status, 'resolved', ['ASSIGNED']);
      const reason = validClaimText(cmd.reason, 'reason');
      if (!cmd.accepted) {
        if (cmd.creditMinor !== 0) throw badInput('a rejected claim carries no credit', 'creditAmount');
        return { to: 'RESOLVED', outcome: 'REJECTED', creditMinor: 0, reason };
      }
      if (!Number.isInteger(cmd.creditMinor) || cmd.creditMinor <= 0) throw badInput('an accepted claim needs a positive credit amount', 'creditAmount');
      // The credits of one claim never exceed the invoice it is about.
      if (state.creditedMinor + cmd.creditMinor > state.invoiceTotalMinor)
        throw ruleViolated('R-COL-F2', 'the credit exceeds what is left of the claimed invoice');
      return { to: 'RESOLVED', outcome: 'ACCEPTED', creditMinor: cmd.creditMinor, reason };
    }
    case 'inform':
      if (state.status !== 'RESOLVED') throw illegal(state.status, 'told to the customer', ['RESOLVED']);
      // R-COL-F1: an unhappy customer sends the claim back to the claims unit, escalated.
      return cmd.satisfied ? { to: 'CLOSED' } : { to: 'ASSIGNED', escalated: true };
    case 'urge':
      if (state.status !== 'ASSIGNED') throw illegal(state.status, 'urged', ['ASSIGNED']);
      return { to: 'ASSIGNED', urged: true };
  }
}

/**
 * The claims unit's queue order as one sortable key (so one index serves the cursor connection):
 * urgent claims first, then by registration, oldest first.
 */
export const queueKeyOf = (urgent: boolean, registeredAt: Date): string => `${urgent ? 0 : 1}|${registeredAt.toISOString()}`;
