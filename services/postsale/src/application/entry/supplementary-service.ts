import type { EntryContext } from './context';
import { decideSupplementaryService } from '../../domain/product-changes';
import { productChangedEvent } from '../events';
import { change } from '../product-steps';

/** A supplementary service enabled or disabled on the product, from today. */
export function enterSupplementaryService({ principal, req, p, inForce, done, today, now, by, entry }: EntryContext): void {
  const d = req.details;
  const { service, action } = d.supplementaryService!;
  const services = done ? p.supplementaryServices : decideSupplementaryService(inForce, service, action);
  entry.product = {
    update: {
      $set: { supplementaryServices: services },
      $push: { changes: change({ kind: `SUPPLEMENTARY_${action}D`, from: null, to: service, effectiveDate: today, requestId: req._id, by, at: now }) },
    },
    events: (after) => [
      productChangedEvent(principal, after, action === 'ENABLE' ? 'SUPPLEMENTARY_ENABLED' : 'SUPPLEMENTARY_DISABLED', {
        from: null,
        to: service,
        effectiveDate: today,
        requestId: req._id,
      }),
    ],
  };
}
