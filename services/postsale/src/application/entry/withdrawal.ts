import type { PostSaleRequestDoc } from '../../store/request.model';
import type { EntryContext } from './context';
import { newEnvelope } from '@vinculo/common';
import { assertPenaltyAccepted, assertRetentionTried, chooseEquipmentSettlement, earlyTerminationPenalty, finalBilling } from '../../domain/withdrawal';
import { withdrawProduct } from '../work-orders';
import { closeRequest } from '../lifecycle';

/** A withdrawal (R-PS-H1…H4): retention tried, the penalty accepted or declined, the final billing and the equipment settlement fixed. */
export async function enterWithdrawal({
  deps,
  principal,
  req,
  p,
  now,
  tenant,
  entry,
  charge,
  acceptPenalty,
  equipmentSettlement,
}: EntryContext): Promise<PostSaleRequestDoc | void> {
  const d = req.details;
  const w = d.withdrawal!;
  assertRetentionTried(w.retention);
  const effectiveDate = req.receivedOn;
  const penalty = earlyTerminationPenalty(p.minimumPermanenceEnd, effectiveDate, p.monthlyFeeMinor);
  if (penalty > 0 && acceptPenalty === false) {
    return closeRequest(
      deps,
      principal,
      req,
      'CLOSED',
      'PENALTY_DECLINED',
      { attendedAt: now, enteredAt: now, 'details.withdrawal.penaltyMinor': penalty, 'details.withdrawal.penaltyAccepted': false },
      { note: 'R-PS-H2 penalty declined: the request ends' },
    );
  }
  assertPenaltyAccepted(penalty, acceptPenalty);
  const billing = finalBilling(p.family, p.monthlyFeeMinor, effectiveDate, tenant.policy.multiBasicTelephonyAmountMinor);
  // R-PS-H4: the settlement of the equipment receivable is fixed here, before the retrieval work order.
  const settlement = chooseEquipmentSettlement(equipmentSettlement, w.equipmentSettlement);
  entry.note = `R-PS-H4 equipment receivable: ${settlement}`;
  Object.assign(entry.set, {
    'details.withdrawal.equipmentSettlement': settlement,
    'details.withdrawal.penaltyMinor': penalty,
    'details.withdrawal.penaltyAccepted': penalty > 0 ? true : null,
    'details.withdrawal.effectiveDate': effectiveDate,
    'details.withdrawal.finalBilling': billing,
  });
  charge('PENALTY', penalty, `Early termination of ${p.planCode}: minimum permanence until ${p.minimumPermanenceEnd} (R-PS-H2)`, 'penalty');
  // Nothing installed at the customer's (e.g. waste collection): no retrieval work order to wait for,
  // the product is withdrawn now (WithdrawalEntered still closes its open work orders first).
  entry.needsWorkOrder = w.equipment.length > 0;
  if (!entry.needsWorkOrder) {
    await withdrawProduct(
      deps,
      { ...req, details: { ...d, withdrawal: { ...w, finalBilling: billing } } },
      p,
      effectiveDate,
      w.reason,
      tenant.policy.multiBasicTelephonyAmountMinor,
      now,
    );
    deps.published();
    entry.set['details.withdrawal.settlement'] = [];
  }
  entry.events.push(
    newEnvelope('postsale', principal, {
      type: 'postsale.WithdrawalEntered',
      subject: req._id,
      data: {
        requestId: req._id,
        installedProductId: p._id,
        customerId: req.customerId,
        address: p.installationAddress,
        equipment: w.equipment.map((e) => ({ code: e.code, ...(e.description ? { description: e.description } : {}) })),
      },
    }),
  );
}
