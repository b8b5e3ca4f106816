'use strict';
/**
 * A generator of billing accounts for the billing-run bench and tests: N accounts of one tenant with
 * the documents collections holds for them as its event consumers would have stored them (the account,
 * the subscription mirrored from post-sale, the customer directory entry, pending charges), inserted in
 * bulk. Deterministic for a given tenant and N, so two databases seeded alike bill alike.
 *
 * The mix (per account i): a 10 000–59 000 minor-unit plan activated before the period; every 10th
 * changes plan on the 16th, every 20th is suspended from the 21st, every 50th is withdrawn on the 11th
 * (prorated final bill), every 7th has a pending charge; every 3rd customer is a BUSINESS, the rest
 * PERSON. Every 25th account has no subscription (nothing to bill).
 */

const pad = (n, w = 7) => String(n).padStart(w, '0');

/** The documents of account i of `tenantId` for a billing run of `period` (YYYY-MM). */
function accountDocs(tenantId, i, period, openedAt) {
  const id = `bac_${tenantId}_${pad(i)}`;
  const customerId = `cus_${tenantId}_${pad(i)}`;
  const account = {
    _id: id,
    tenantId,
    customerId,
    accountNumber: `BA-${pad(i, 8)}`,
    currency: 'BOB',
    standing: 'UP_TO_DATE',
    openedBy: 'system',
    openedAt,
    standingSince: openedAt,
    history: [],
    orderId: null,
    invoices: [],
    creditMinor: 0,
    overdueMinor: 0,
    appliedPaymentIds: [],
    paymentAllocations: [],
    version: 0,
    outbox: [],
    updatedAt: openedAt,
  };
  const customer = {
    _id: customerId,
    tenantId,
    name: `Customer ${i}`,
    kind: i % 3 === 0 ? 'BUSINESS' : 'PERSON',
    status: 'ACTIVE',
    executiveId: null,
    updatedAt: openedAt,
  };
  const fee = 10000 + (i % 50) * 1000;
  const change = (n, kind, day, planCode, monthlyFeeMinor) => ({
    eventId: `e_${id}_${n}`,
    change: kind,
    effectiveDate: `${period}-${day}`,
    planCode,
    monthlyFeeMinor,
    billing: 'PRORATED',
    wholePartMinor: null,
  });
  const changes = [{ ...change(0, 'ACTIVATED', '01', `PLAN-${i % 50}`, fee), effectiveDate: '2020-01-01' }];
  if (i % 10 === 0) changes.push(change(1, 'PLAN_CHANGED', '16', `PLAN-${(i + 1) % 50}`, fee + 5000));
  if (i % 20 === 5) changes.push(change(2, 'SUSPENDED', '21', `PLAN-${i % 50}`, fee));
  if (i % 50 === 7) changes.push(change(3, 'WITHDRAWN', '11', `PLAN-${i % 50}`, fee));
  const subscription =
    i % 25 === 24
      ? null
      : {
          _id: `${tenantId}|ip_${pad(i)}`,
          tenantId,
          installedProductId: `ip_${pad(i)}`,
          customerId,
          billingAccountId: id,
          orderId: null,
          family: 'INTERNET',
          serviceNumber: null,
          currency: 'BOB',
          status: i % 50 === 7 ? 'WITHDRAWN' : i % 20 === 5 ? 'SUSPENDED' : 'ACTIVE',
          changes,
          updatedAt: openedAt,
        };
  const charge =
    i % 7 === 3
      ? {
          _id: `chg_${tenantId}_${pad(i)}`,
          tenantId,
          customerId,
          installedProductId: `ip_${pad(i)}`,
          billingAccountId: id,
          kind: 'FEE',
          amountMinor: 2500,
          currency: 'BOB',
          description: 'Reconnection fee',
          requestedAt: new Date(`${period}-12T15:00:00Z`),
          invoiceId: null,
          settlement: null,
        }
      : null;
  return { account, customer, subscription, charge };
}

/**
 * Insert accounts [from, to) of `tenantId` in batches straight into the collections (raw driver:
 * the documents are complete as above). `db` is a mongodb Db (mongoose `conn.db`).
 */
async function seedBillingAccounts(db, { tenantId, from = 0, to, period, openedAt = new Date('2020-01-01T12:00:00Z'), batch = 5000 }) {
  for (let start = from; start < to; start += batch) {
    const rows = [];
    for (let i = start; i < Math.min(start + batch, to); i++) rows.push(accountDocs(tenantId, i, period, openedAt));
    await db.collection('billing_accounts').insertMany(
      rows.map((r) => r.account),
      { ordered: false },
    );
    await db.collection('customer_directory').insertMany(
      rows.map((r) => r.customer),
      { ordered: false },
    );
    await db.collection('subscriptions').insertMany(rows.map((r) => r.subscription).filter(Boolean), { ordered: false });
    const charges = rows.map((r) => r.charge).filter(Boolean);
    if (charges.length) await db.collection('charges').insertMany(charges, { ordered: false });
  }
}

module.exports = { accountDocs, seedBillingAccounts };
