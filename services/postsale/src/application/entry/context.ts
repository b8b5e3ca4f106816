import type { EventEnvelope, Principal, TenantPolicySnapshot } from '@vinculo/common';
import type { InstalledProductDoc, ProductChangeDoc } from '../../store/installed-product.model';
import type { PostSaleRequestDoc, RequestedChargeDoc } from '../../store/request.model';
import type { ChargeKind } from '../events';
import type { PostSaleDeps } from '../deps';

/** What entering a request decided: applied by enterRequest (product first, then the request). */
export interface Entry {
  /** The product change applied on entry (versioned, keyed `<requestId>:enter`). */
  product?: { update: Record<string, unknown>; events: (p: InstalledProductDoc) => EventEnvelope[] };
  set: Record<string, unknown>;
  charges: RequestedChargeDoc[];
  events: EventEnvelope[];
  needsWorkOrder: boolean;
  note: string | null;
}

/** Everything one request type's entry reads (loaded once by enterRequest) and the entry it fills in. */
export interface EntryContext {
  deps: PostSaleDeps;
  principal: Principal;
  req: PostSaleRequestDoc;
  /** The request's product as stored (every type but a PQR has one). */
  p: InstalledProductDoc;
  /** The product as it is in force today (status from its dated suspensions, plan from its dated plan changes). */
  inForce: InstalledProductDoc;
  /** The change this entry already made to the product, when this is a retry after a crash. */
  done: ProductChangeDoc | null;
  today: string;
  now: Date;
  tenant: TenantPolicySnapshot;
  by: string;
  /** R-PS-H2: the customer's answer to the early-termination penalty. */
  acceptPenalty: boolean | null | undefined;
  /** R-PS-H4: how the equipment receivable will be billed; absent keeps the one chosen at reception. */
  equipmentSettlement: string | null | undefined;
  entry: Entry;
  /** Request a charge of the request (none when the amount is 0). */
  charge: (kind: ChargeKind, amountMinor: number, description: string, step: string) => void;
}

/**
 * One request type's entry: checks its rules against the current state and fills in `entry`; or ends
 * the request itself (returns it closed, e.g. R-PS-H2 penalty declined).
 */
export type EnterType = (c: EntryContext) => Promise<PostSaleRequestDoc | void> | void;
