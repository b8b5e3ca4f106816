import { newEnvelope, SYSTEM_ACTOR, type EventEnvelope, type Principal } from '@vinculo/common';
import type { InstalledProductDoc } from '../store/installed-product.model';
import type { PostSaleRequestDoc } from '../store/request.model';
import type { RequestStatus } from '../domain/request';
import type { ChargeSettlement, FinalBillingMode } from '../domain/withdrawal';

/** Who an event is from: the caller, or the system acting on a consumed event or a scheduled job. */
export type Actor = Pick<Principal, 'tenantId' | 'userId' | 'roles'> | { tenantId: string; actor: typeof SYSTEM_ACTOR };
export const systemActor = (tenantId: string): Actor => ({ tenantId, actor: SYSTEM_ACTOR });
export const actorId = (who: Actor): string => ('actor' in who ? who.actor.userId : who.userId);

export type ChangeKind = 'ACTIVATED' | 'PLAN_CHANGED' | 'SUSPENDED' | 'RECONNECTED' | 'WITHDRAWN';

/** postsale.PostSaleRequestStatusChanged: every step of a request (the customer's timeline). */
export function requestStatusEvent(
  who: Actor,
  req: Pick<PostSaleRequestDoc, '_id' | 'number' | 'customerId' | 'installedProductId' | 'type' | 'channel'> & {
    details?: Pick<PostSaleRequestDoc['details'], 'pqr'>;
  },
  from: RequestStatus | null,
  to: RequestStatus,
  extra: { resolution?: string | null; missingRequirements?: string[]; note?: string | null } = {},
  now = new Date(),
): EventEnvelope {
  return newEnvelope(
    'postsale',
    who,
    {
      type: 'postsale.PostSaleRequestStatusChanged',
      subject: req._id,
      data: {
        requestId: req._id,
        // Optional (issue #15): the business number the customer's texts name.
        ...(req.number ? { requestNumber: req.number } : {}),
        customerId: req.customerId,
        installedProductId: req.installedProductId,
        requestType: req.type,
        channel: req.channel,
        from,
        to,
        resolution: extra.resolution ?? null,
        ...(extra.missingRequirements ? { missingRequirements: extra.missingRequirements } : {}),
        note: extra.note ?? null,
        // A PQR's answer deadline (pqrDeadline: the tenant's business days), so others can watch its SLA.
        ...(req.details?.pqr?.deadline ? { answerDueDate: req.details.pqr.deadline } : {}),
      },
    },
    now,
  );
}

/** postsale.SubscriptionChanged: the product's billable state from a local date, for collections. */
export function subscriptionChangedEvent(
  who: Actor,
  p: Pick<InstalledProductDoc, '_id' | 'customerId' | 'orderId' | 'planCode' | 'monthlyFeeMinor' | 'currency'>,
  change: ChangeKind,
  effectiveDate: string,
  final: { billing: FinalBillingMode; wholePartMinor: number | null } = { billing: 'PRORATED', wholePartMinor: null },
): EventEnvelope {
  return newEnvelope('postsale', who, {
    type: 'postsale.SubscriptionChanged',
    subject: p._id,
    data: {
      installedProductId: p._id,
      customerId: p.customerId,
      ...(p.orderId ? { orderId: p.orderId } : {}),
      change,
      effectiveDate,
      planCode: p.planCode,
      monthlyFeeMinor: p.monthlyFeeMinor,
      currency: p.currency,
      billing: final.billing,
      ...(final.wholePartMinor !== null ? { wholePartMinor: final.wholePartMinor } : {}),
    },
  });
}

export function productRegisteredEvent(
  who: Actor,
  p: Pick<InstalledProductDoc, '_id' | 'customerId' | 'planCode' | 'family' | 'serviceNumber' | 'installationAddress'>,
): EventEnvelope {
  return newEnvelope('postsale', who, {
    type: 'postsale.InstalledProductRegistered',
    subject: p._id,
    data: {
      installedProductId: p._id,
      customerId: p.customerId,
      planCode: p.planCode,
      family: p.family,
      serviceNumber: p.serviceNumber,
      installationAddress: p.installationAddress,
    },
  });
}

export function productWithdrawnEvent(
  who: Actor,
  p: Pick<InstalledProductDoc, '_id' | 'customerId'>,
  reason: string,
  remainingActiveProducts: number,
  at: Date,
): EventEnvelope {
  return newEnvelope('postsale', who, {
    type: 'postsale.InstalledProductWithdrawn',
    subject: p._id,
    data: { installedProductId: p._id, customerId: p.customerId, reason: reason.slice(0, 500), remainingActiveProducts, withdrawnAt: at.toISOString() },
  });
}

export type ChargeKind = 'FEE' | 'PENALTY' | 'RECEIVABLE' | 'CALL_DETAIL';

/**
 * postsale.ChargeRequested: chargeId derived from the request and its step, so a retry is the same charge.
 * settlement travels when given (R-PS-H4 receivables always give it); absent = NEXT_INVOICE.
 */
export function chargeRequestedEvent(
  who: Actor,
  req: Pick<PostSaleRequestDoc, 'customerId' | 'installedProductId' | 'currency'>,
  charge: { chargeId: string; kind: ChargeKind; amountMinor: number; description: string; settlement?: ChargeSettlement },
): EventEnvelope {
  return newEnvelope('postsale', who, {
    type: 'postsale.ChargeRequested',
    subject: charge.chargeId,
    data: {
      chargeId: charge.chargeId,
      customerId: req.customerId,
      ...(req.installedProductId ? { installedProductId: req.installedProductId } : {}),
      kind: charge.kind,
      amountMinor: charge.amountMinor,
      currency: req.currency,
      description: charge.description.slice(0, 300),
      ...(charge.settlement ? { settlement: charge.settlement } : {}),
    },
  });
}

/** postsale.InstalledProductChanged: a change that does not touch billing (supplementary services, address). */
export function productChangedEvent(
  who: Actor,
  p: Pick<InstalledProductDoc, '_id' | 'customerId' | 'supplementaryServices'>,
  change: 'SUPPLEMENTARY_ENABLED' | 'SUPPLEMENTARY_DISABLED' | 'RELOCATED',
  c: { from: string | null; to: string | null; effectiveDate: string; requestId: string | null },
): EventEnvelope {
  return newEnvelope('postsale', who, {
    type: 'postsale.InstalledProductChanged',
    subject: p._id,
    data: { installedProductId: p._id, customerId: p.customerId, change, ...c, supplementaryServices: p.supplementaryServices },
  });
}
