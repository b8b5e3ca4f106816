import { DomainError, findOneById, wrongState } from '@vinculo/common';
import type { PostSaleDeps } from './deps';
import type { InstalledProductDoc } from '../store/installed-product.model';
import { holdBinds } from '../domain/hold';

/** The fields of a product no request holds (a product step that ends a request's hold sets them). */
export const NO_HOLD = { pendingRequestId: null, pendingRequestType: null, pendingSince: null } as const;

/** A product entering service: ACTIVE, never suspended, unheld, no request step applied yet. */
export const freshServiceState = (): Pick<
  InstalledProductDoc,
  'status' | 'suspension' | 'suspensions' | 'pendingRequestId' | 'pendingRequestType' | 'pendingSince' | 'applied'
> => ({
  status: 'ACTIVE',
  suspension: null,
  suspensions: [],
  ...NO_HOLD,
  applied: [],
});

type Holdable = Pick<InstalledProductDoc, '_id' | 'tenantId'>;
type HoldState = Pick<InstalledProductDoc, 'pendingRequestId' | 'pendingRequestType' | 'pendingSince' | 'status'>;

/**
 * Take the product's hold for a request that changes it (one conditional write): of two concurrent
 * requests exactly one gets it, the other is a CONFLICT naming the holder. A hold left behind by a
 * crash (its request closed, or never stored past the grace period) is taken over with a write
 * conditional on that same stale holder, so two requests taking over at once still leave one winner.
 */
export async function takeProductHold(deps: PostSaleDeps, product: Holdable, request: { id: string; type: string }, now: Date): Promise<void> {
  const key = { _id: product._id, tenantId: product.tenantId, status: { $ne: 'WITHDRAWN' } };
  const hold = { $set: { pendingRequestId: request.id, pendingRequestType: request.type, pendingSince: now } };
  if ((await deps.products.updateOne({ ...key, pendingRequestId: null }, hold)).modifiedCount === 1) return;

  const current = await deps.products
    .findOne({ _id: product._id, tenantId: product.tenantId }, { pendingRequestId: 1, pendingRequestType: 1, pendingSince: 1, status: 1 })
    .lean<HoldState>();
  if (!current || current.status === 'WITHDRAWN')
    throw wrongState({
      entity: 'installed product',
      current: 'WITHDRAWN',
      act: `be changed by a ${request.type} request`,
      allowedFrom: ['ACTIVE', 'SUSPENDED'],
    });
  const holderId = current.pendingRequestId;
  // Released between the two reads: try the free product once more.
  if (!holderId && (await deps.products.updateOne({ ...key, pendingRequestId: null }, hold)).modifiedCount === 1) return;
  if (holderId) {
    const holder = await findOneById(deps.requests, product.tenantId, holderId, { status: 1 });
    if (
      !holdBinds(holder, current.pendingSince ?? null, now) &&
      (await deps.products.updateOne({ ...key, pendingRequestId: holderId }, hold)).modifiedCount === 1
    )
      return;
  }
  // Not a duplicate: this act must wait until the open request is closed (or cancelled).
  throw new DomainError(
    'illegal_transition',
    `The product is held by an open ${current.pendingRequestType} request: one request that changes a product at a time; close or cancel that one first`,
    {
      currentStatus: current.pendingRequestType ?? current.status,
      allowedFrom: [],
      nextAct: 'cancelPostSaleRequest',
      pendingRequestId: holderId,
    },
  );
}

/** Release the product from a request that held it (idempotent; only that request's hold). */
export async function releaseProduct(deps: Pick<PostSaleDeps, 'products'>, tenantId: string, productId: string | null, requestId: string): Promise<void> {
  if (!productId) return;
  await deps.products.updateOne({ _id: productId, tenantId, pendingRequestId: requestId }, { $set: NO_HOLD });
}
