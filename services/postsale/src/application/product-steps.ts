import { runCommand, type EventEnvelope } from '@vinculo/common';
import type { UpdateQuery } from 'mongoose';
import type { InstalledProductDoc, InstalledProductModel, ProductChangeDoc } from '../store/installed-product.model';

/**
 * Apply one step of a request to its product: a versioned write (a concurrent change of the product
 * → CONFLICT) that records the step key, so a step retried after a crash between the product write
 * and the request write has one effect.
 */
export async function applyProductStep(
  products: InstalledProductModel,
  product: InstalledProductDoc,
  stepKey: string,
  update: UpdateQuery<InstalledProductDoc>,
  events: EventEnvelope[],
): Promise<InstalledProductDoc> {
  if (product.applied.includes(stepKey)) return product;
  const push = (update.$push ?? {}) as Record<string, unknown>;
  const { doc } = await runCommand({
    model: products,
    what: 'InstalledProduct',
    tenantId: product.tenantId,
    id: product._id,
    concurrency: { expectedVersion: product.version },
    decide: (cur) => (cur.applied.includes(stepKey) ? null : { update: { ...update, $push: { ...push, applied: stepKey } }, events }),
  });
  return doc;
}

export const change = (c: Omit<ProductChangeDoc, 'note'> & { note?: string | null }): ProductChangeDoc => ({ ...c, note: c.note ?? null });

/** The customer's products still in service, besides `exceptId`. */
export const remainingActiveProducts = (products: InstalledProductModel, tenantId: string, customerId: string, exceptId: string): Promise<number> =>
  products.countDocuments({ tenantId, customerId, status: { $ne: 'WITHDRAWN' }, _id: { $ne: exceptId } });
