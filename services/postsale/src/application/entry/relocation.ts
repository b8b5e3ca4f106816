import type { PostSaleRequestDoc } from '../../store/request.model';
import type { EntryContext } from './context';
import { newEnvelope } from '@vinculo/common';
import { catalogPlanFor } from '../../domain/product-changes';
import { assertRelocationFeasible, relocationPlan } from '../../domain/relocation';
import { closeRequest } from '../lifecycle';

/** A relocation (R-PS-C1, R-PS-C2): feasibility at the new address decides; the field work is requested by event. */
export async function enterRelocation({ deps, principal, req, p, now, entry }: EntryContext): Promise<PostSaleRequestDoc | void> {
  const d = req.details;
  const tenantId = req.tenantId;
  const r = d.relocation!;
  const feasibility = await deps.coverage.assess(tenantId, { location: r.location, technology: r.technology, speedMbps: r.newPlan?.speedMbps ?? p.speedMbps });
  if (!feasibility.feasible) {
    // R-PS-C1: the customer is told and the request closes; the clerk gets the rule.
    await closeRequest(
      deps,
      principal,
      req,
      'CLOSED',
      'NOT_FEASIBLE',
      { attendedAt: now, enteredAt: now, 'details.relocation.infeasibility': `${feasibility.reason}: ${feasibility.detail}` },
      { note: `R-PS-C1 ${feasibility.reason}` },
    );
  }
  const { nodeId } = assertRelocationFeasible(feasibility);
  entry.set['details.relocation.nodeId'] = nodeId;
  entry.needsWorkOrder = true;
  if (relocationPlan(r) === 'REPLACE_PRODUCT' && r.newPlan) {
    // R-PS-C2: the new product is installed first at the new address (INSTALLATION, port reserved on
    // the new node); the old one keeps the customer in service until then, and its equipment is
    // retrieved afterwards. The plan is checked again against the catalog as it is now.
    const plan = catalogPlanFor(r.newPlan.planCode, await deps.catalog.planOf(tenantId, r.newPlan.planCode), {
      technology: r.technology,
      currency: req.currency,
    });
    entry.set['details.relocation.newPlan'] = { planCode: plan.code, family: plan.family, speedMbps: plan.speedMbps, monthlyFeeMinor: plan.monthlyFeeMinor };
    entry.events.push(
      newEnvelope('postsale', principal, {
        type: 'postsale.ReplacementInstallationEntered',
        subject: req._id,
        data: {
          requestId: req._id,
          installedProductId: p._id,
          customerId: req.customerId,
          fromAddress: p.installationAddress,
          toAddress: r.toAddress,
          neighbourhood: r.neighbourhood,
          planCode: plan.code,
          technology: r.technology,
          nodeId,
        },
      }),
    );
  } else if (relocationPlan(r) === 'RELOCATE') {
    entry.events.push(
      newEnvelope('postsale', principal, {
        type: 'postsale.RelocationEntered',
        subject: req._id,
        data: {
          requestId: req._id,
          installedProductId: p._id,
          customerId: req.customerId,
          fromAddress: p.installationAddress,
          toAddress: r.toAddress,
          neighbourhood: r.neighbourhood,
          technology: r.technology,
          location: r.location,
          nodeId,
        },
      }),
    );
  } else {
    // R-PS-C2: the old product's equipment is retrieved; on closure it is retired and the new one entered.
    entry.events.push(
      newEnvelope('postsale', principal, {
        type: 'postsale.WithdrawalEntered',
        subject: req._id,
        data: { requestId: req._id, installedProductId: p._id, customerId: req.customerId, address: p.installationAddress, equipment: [] },
      }),
    );
  }
}
