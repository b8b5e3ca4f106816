import { badInput, settled, type Discrepancy, type ReconciliationFact } from '@vinculo/common';
import type { CustomerStatus } from './customer';

/**
 * customers in the reconciliation report (issue #12): the report's root (who asks, at which cutoff)
 * and one check, from sales' COMPLETED orders:
 *   CUSTOMER_NOT_ACTIVATED  the customer of a COMPLETED sales order is unknown here or still a PROSPECT
 *                           (R-CUS-ST3: sales.SalesOrderActivated makes a prospect ACTIVE).
 */

/** The report's cutoff: settledBefore when given (never in the future: that would count work in flight), else now. */
export function reportCutoff(settledBefore: Date | null | undefined, now: Date): Date {
  if (!settledBefore) return now;
  if (settledBefore.getTime() > now.getTime()) throw badInput('settledBefore must not be in the future', 'settledBefore');
  return settledBefore;
}

/** CUSTOMER_NOT_ACTIVATED for each settled COMPLETED order whose customer is missing or a PROSPECT. */
export function customersNotActivated(
  orders: readonly ReconciliationFact[],
  cutoff: Date,
  statusOf: (customerId: string) => CustomerStatus | undefined,
): Discrepancy[] {
  return orders.flatMap((o) => {
    if (!settled(o.at, cutoff) || !o.customerId) return [];
    const status = statusOf(o.customerId);
    if (status && status !== 'PROSPECT') return [];
    return [
      {
        invariant: 'CUSTOMER_NOT_ACTIVATED',
        entityIds: [o.customerId, o.id],
        since: o.at,
        detail: status
          ? `customer ${o.customerId} is still a PROSPECT although sales order ${o.id} is COMPLETED (sales.SalesOrderActivated not applied)`
          : `customer ${o.customerId} of COMPLETED sales order ${o.id} is unknown to customers`,
      },
    ];
  });
}
