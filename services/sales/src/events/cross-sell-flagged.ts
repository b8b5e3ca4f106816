import { businessTimeOf, findOneById } from '@vinculo/common';
import type { CustomerDirectory, EventEnvelope, EventHandler } from '@vinculo/common';
import { needId, type NewNeedModel } from '../store/new-need.model';

interface CrossSellFlagged {
  flagId: string;
  customerId: string;
  executiveId?: string | null;
  installedProductId?: string | null;
  suggestion: string;
}

/**
 * techsupport.CrossSellFlagged → a new need in the executive's portfolio pipeline. The executive is the
 * flag's, else the customer's portfolio owner from the directory. Insert-once by flag id.
 */
export function onCrossSellFlagged(needs: NewNeedModel, directory: CustomerDirectory): EventHandler {
  return async (e: EventEnvelope<CrossSellFlagged>) => {
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
