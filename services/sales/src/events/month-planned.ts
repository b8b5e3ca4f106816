import type { EventHandler } from '@vinculo/common';
import { applyMonthPlanned } from '../application/targets';
import type { SalesTargetRepository } from '../store/target.repository';

/**
 * customers.MonthPlanned → the executive's month target and the lead who planned it. Newest revision
 * wins; a repeated or older revision changes nothing. Amounts set by setSalesTarget are kept.
 */
export function onMonthPlanned(targets: SalesTargetRepository): EventHandler<'customers.MonthPlanned'> {
  return (e) => applyMonthPlanned({ targets }, e);
}
