import type { EventHandler } from '@vinculo/common';
import { recordNewNeed } from '../application/new-needs';
import type { CustomerReads } from '../store/customers';
import type { NewNeedRepository } from '../store/new-need.repository';

/** techsupport.CrossSellFlagged → a new need in the executive's portfolio pipeline (insert-once by flag id). */
export function onCrossSellFlagged(needs: NewNeedRepository, customers: CustomerReads): EventHandler<'techsupport.CrossSellFlagged'> {
  return (e) => recordNewNeed({ needs, customers }, e);
}
