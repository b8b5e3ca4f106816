import { businessTimeOf, findOneById } from '@vinculo/common';
import type { CustomerDirectory, EventHandler } from '@vinculo/common';
import { needId, type NewNeedModel } from '../store/new-need.model';

/**
 * techsupport.CrossSellFlagged → a new need in the executive's portfolio pipeline. The executive is the
 * flag's, else the customer's portfolio owner from the directory. Insert-once by flag id.
 */
export function onCrossSellFlagged(needs: NewNeedModel, directory: CustomerDirectory): EventHandler<'techsupport.CrossSellFlagged'> {
  return async (e) => {
    const d = e.data;
    const owner = d.executiveId ?? (await findOneById(directory.model, e.tenantId, d.customerId))?.executiveId ?? null;
    await needs.updateOne(
      { _id: needId(e.tenantId, d.flagId) },
      {
        $setOnInsert: {
          tenantId: e.tenantId,
          flagId: d.flagId,
          customerId: d.customerId,
          executiveId: owner,
          installedProductId: d.installedProductId ?? null,
          suggestion: d.suggestion,
          flaggedAt: businessTimeOf(e.tenantId, e.time),
        },
      },
      { upsert: true },
    );
  };
}
