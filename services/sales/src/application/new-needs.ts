import { businessTimeOf, type EventOf } from '@vinculo/common';
import type { SalesDeps } from './deps';

/**
 * A cross-sell flag → a new need in the executive's portfolio pipeline. The executive is the flag's,
 * else the customer's portfolio owner from the directory. Insert-once by flag id.
 */
export async function recordNewNeed(deps: Pick<SalesDeps, 'needs' | 'customers'>, e: EventOf<'techsupport.CrossSellFlagged'>): Promise<void> {
  const d = e.data;
  const owner = d.executiveId ?? (await deps.customers.portfolioOwner(e.tenantId, d.customerId));
  await deps.needs.recordFlag({
    tenantId: e.tenantId,
    flagId: d.flagId,
    customerId: d.customerId,
    executiveId: owner,
    installedProductId: d.installedProductId ?? null,
    suggestion: d.suggestion,
    flaggedAt: businessTimeOf(e.tenantId, e.time),
  });
}
