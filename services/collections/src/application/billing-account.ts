import { randomBytes } from 'node:crypto';
import {
  businessNow,
  DomainError,
  createWithEvents,
  newEnvelope,
  newId,
  type Principal,
  retryOnStale,
  SYSTEM_ACTOR,
  type CustomerDirectory,
  type TenantPolicyReadModel,
} from '@vinculo/common';
import type { BillingAccountDoc, BillingAccountModel } from '../store/billing-account.model';
import { accountNumberFrom, decideOpening, orderAccountId } from '../domain/billing-account';
import { systemActor, type Actor } from './account-ledger';

/** Account numbers are random (40 bits): a collision in the tenant is retried with a fresh number. */
const NUMBER_ATTEMPTS = 3;

type NewAccount = Omit<
  BillingAccountDoc,
  'accountNumber' | 'version' | 'outbox' | 'invoices' | 'creditMinor' | 'overdueMinor' | 'appliedPaymentIds' | 'paymentAllocations' | 'orderId'
> & { orderId?: string | null };

/**
 * Create an account under a fresh random number with collections.BillingAccountOpened in its outbox.
 * A number already taken in the tenant (unique index) is a lost draw: drawn again, a bounded number of
 * times. `exists` says whether an account under this id is already there (a redelivered event).
 */
async function createWithFreshNumber(
  accounts: BillingAccountModel,
  who: Actor,
  account: NewAccount,
  exists: () => Promise<boolean> = async () => false,
): Promise<BillingAccountDoc | null> {
  return retryOnStale(NUMBER_ATTEMPTS, async () => {
    if (await exists()) return null;
    const accountNumber = accountNumberFrom(randomBytes(5));
    const event = newEnvelope('collections', who, {
      type: 'collections.BillingAccountOpened',
      subject: account._id,
      data: { billingAccountId: account._id, customerId: account.customerId, accountNumber, currency: account.currency, standing: account.standing },
    });
    // Published by the caller (it knows whether anything was opened).
    return createWithEvents(accounts, { ...account, accountNumber }, [event], {
      onDuplicate: () => {
        throw new DomainError('stale_version', `account number ${accountNumber} taken meanwhile in tenant ${account.tenantId}`);
      },
    });
  });
}

/** A clerk opens a billing account for a customer of the tenant. */
export async function openBillingAccount(
  s: { accounts: BillingAccountModel; directory: CustomerDirectory; published: () => void },
  principal: Principal,
  input: { customerId: string; currency: string },
): Promise<BillingAccountDoc> {
  const opening = decideOpening(input);
  await s.directory.require(principal.tenantId, input.customerId);
  const now = businessNow(principal.tenantId);
  const created = await createWithFreshNumber(s.accounts, principal, {
    _id: newId('bac'),
    tenantId: principal.tenantId,
    customerId: input.customerId,
    ...opening,
    openedBy: principal.userId,
    openedAt: now,
    standingSince: now,
    history: [{ from: null, to: opening.standing, by: principal.userId, at: now, note: null }],
  });
  if (!created) throw new Error('a fresh account id was taken');
  s.published();
  return created;
}

/**
 * sales.SalesOrderActivated: billing starts — one billing account per order (contract), its id derived
 * from the order, so a redelivered activation opens nothing new. Returns the account id.
 */
export async function openOrderAccount(
  s: { accounts: BillingAccountModel; tenantPolicy: TenantPolicyReadModel; published: () => void },
  tenantId: string,
  order: { orderId: string; customerId: string; activatedAt: string; currency?: string },
): Promise<string> {
  const id = orderAccountId(tenantId, order.orderId);
  const currency = order.currency ?? (await s.tenantPolicy.policyFor(tenantId)).currency;
  const at = new Date(order.activatedAt);
  const created = await createWithFreshNumber(
    s.accounts,
    systemActor(tenantId),
    {
      _id: id,
      tenantId,
      customerId: order.customerId,
      currency,
      standing: 'UP_TO_DATE',
      orderId: order.orderId,
      openedBy: SYSTEM_ACTOR.userId,
      openedAt: at,
      standingSince: at,
      history: [{ from: null, to: 'UP_TO_DATE', by: SYSTEM_ACTOR.userId, at, note: `opened for sales order ${order.orderId}` }],
    },
    async () => !!(await s.accounts.exists({ _id: id, tenantId })),
  );
  if (created) s.published();
  return id;
}
