import type { ReconciliationFact } from '@vinculo/common';
import { billingDiscrepancies, chargeDiscrepancies, ordersWithoutAccount, type BilledView } from '../src/domain/reconciliation';
import { chargeDocId } from '../src/store/charge.model';

const t = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00.000Z`);
const cutoff = t('12:00');
const fact = (id: string, over: Partial<ReconciliationFact> = {}): ReconciliationFact => ({
  id,
  kind: null,
  customerId: 'c-1',
  status: null,
  ref: null,
  items: [],
  at: t('10:00'),
  ...over,
});
const billed = (installedProductId: string, over: Partial<BilledView> = {}): BilledView => ({
  installedProductId,
  status: 'ACTIVE',
  billingAccountId: 'bac-1',
  withdrawn: false,
  updatedAt: t('10:05'),
  ...over,
});
const invariants = (ds: { invariant: string; entityIds: string[] }[]) => ds.map((d) => [d.invariant, d.entityIds[0]]);

describe('collections in the reconciliation report', () => {
  it('ORDER_WITHOUT_BILLING_ACCOUNT: a COMPLETED order whose account was never opened', () => {
    const found = ordersWithoutAccount([fact('so-1'), fact('so-2'), fact('so-late', { at: t('12:01') })], cutoff, (id) => id === 'so-1');
    expect(found).toEqual([{ invariant: 'ORDER_WITHOUT_BILLING_ACCOUNT', entityIds: ['so-2'], since: t('10:00'), detail: expect.stringContaining('so-2') }]);
  });

  it('SUBSCRIPTION_NOT_BILLED: an ACTIVE or SUSPENDED subscription with no billed product, or one billing to no account', () => {
    const subs = [fact('inp-1', { status: 'ACTIVE' }), fact('inp-2', { status: 'SUSPENDED' }), fact('inp-3', { status: 'ACTIVE' })];
    const mirror = new Map([
      ['inp-2', billed('inp-2', { status: 'SUSPENDED', billingAccountId: null })],
      ['inp-3', billed('inp-3')],
    ]);
    expect(invariants(billingDiscrepancies(subs, cutoff, (id) => mirror.get(id), [...mirror.values()]))).toEqual([
      ['SUBSCRIPTION_NOT_BILLED', 'inp-1'],
      ['SUBSCRIPTION_NOT_BILLED', 'inp-2'],
    ]);
  });

  it('BILLED_STATUS_MISMATCH: the billed product’s status differs from the subscription’s', () => {
    const mirror = new Map([
      ['inp-1', billed('inp-1', { status: 'ACTIVE' })],
      ['inp-2', billed('inp-2', { status: 'REGISTERED' })],
    ]);
    const found = billingDiscrepancies([fact('inp-1', { status: 'SUSPENDED' }), fact('inp-2', { status: 'ACTIVE' })], cutoff, (id) => mirror.get(id), []);
    expect(found.map((d) => [d.invariant, d.entityIds, d.detail])).toEqual([
      ['BILLED_STATUS_MISMATCH', ['inp-1', 'c-1'], 'subscription inp-1 is SUSPENDED in post-sale, ACTIVE in collections'],
      ['BILLED_STATUS_MISMATCH', ['inp-2', 'c-1'], 'subscription inp-2 is ACTIVE in post-sale, REGISTERED in collections'],
    ]);
  });

  it('BILLED_PRODUCT_WITHOUT_SUBSCRIPTION: a live billed product post-sale does not list; not when post-sale changed it after the cutoff', () => {
    const live = [billed('inp-gone'), billed('inp-moving'), billed('inp-new', { updatedAt: t('12:01') })];
    const subs = [fact('inp-moving', { status: 'WITHDRAWN', at: t('12:01') })];
    expect(
      billingDiscrepancies(subs, cutoff, (id) => live.find((b) => b.installedProductId === id), live).map((d) => [d.invariant, d.entityIds, d.since]),
    ).toEqual([['BILLED_PRODUCT_WITHOUT_SUBSCRIPTION', ['inp-gone'], t('10:05')]]);
  });

  it('FINAL_BILL_MISSING (R-PS-H3): a WITHDRAWN subscription whose billed product lacks the withdrawal, or is missing', () => {
    const mirror = new Map([
      ['inp-ok', billed('inp-ok', { status: 'WITHDRAWN', withdrawn: true })],
      ['inp-no-change', billed('inp-no-change', { status: 'WITHDRAWN', withdrawn: false })],
    ]);
    const subs = ['inp-ok', 'inp-no-change', 'inp-unknown'].map((id) => fact(id, { status: 'WITHDRAWN' }));
    expect(invariants(billingDiscrepancies(subs, cutoff, (id) => mirror.get(id), []))).toEqual([
      ['FINAL_BILL_MISSING', 'inp-no-change'],
      ['FINAL_BILL_MISSING', 'inp-unknown'],
    ]);
  });

  it('a subscription that changed after the cutoff is in flight: none of its checks run', () => {
    expect(billingDiscrepancies([fact('inp-1', { status: 'WITHDRAWN', at: t('12:01') })], cutoff, () => billed('inp-1'), [billed('inp-1')])).toEqual([]);
  });

  it('every invariant holds when collections mirrors post-sale', () => {
    const subs = [fact('inp-1', { status: 'ACTIVE' }), fact('inp-2', { status: 'SUSPENDED' }), fact('inp-3', { status: 'WITHDRAWN' })];
    const mirror = new Map([
      ['inp-1', billed('inp-1')],
      ['inp-2', billed('inp-2', { status: 'SUSPENDED' })],
      ['inp-3', billed('inp-3', { status: 'WITHDRAWN', withdrawn: true })],
    ]);
    expect(billingDiscrepancies(subs, cutoff, (id) => mirror.get(id), [mirror.get('inp-1')!, mirror.get('inp-2')!])).toEqual([]);
  });

  const requested = (producer: 'postsale' | 'techsupport', id: string, at = t('10:00')) => ({
    producer,
    fact: fact(id, { kind: 'FEE', ref: 'psr-1', at }),
    storedId: chargeDocId('acme', producer, id),
  });

  it('CHARGE_MISSING: a charge post-sale or techsupport requested that collections does not hold', () => {
    const charges = [requested('postsale', 'psr-1-fee'), requested('techsupport', 'excess-cable:rev-1'), requested('postsale', 'psr-9-fee', t('12:01'))];
    const stored = new Set([chargeDocId('acme', 'postsale', 'psr-1-fee')]);
    expect(chargeDiscrepancies(charges, cutoff, stored, () => []).map((d) => [d.invariant, d.entityIds])).toEqual([
      ['CHARGE_MISSING', ['excess-cable:rev-1', 'psr-1']],
    ]);
  });

  it('CHARGE_BILLED_TWICE: a requested charge on more than one invoice line; once is fine', () => {
    const once = requested('postsale', 'psr-1-fee');
    const twice = requested('postsale', 'psr-2-fee');
    const lines: Record<string, string[]> = { [once.storedId]: ['inv-1'], [twice.storedId]: ['inv-1', 'inv-2'] };
    const found = chargeDiscrepancies([once, twice], cutoff, new Set([once.storedId, twice.storedId]), (id) => lines[id] ?? []);
    expect(found.map((d) => [d.invariant, d.entityIds])).toEqual([['CHARGE_BILLED_TWICE', ['psr-2-fee', 'psr-1', 'inv-1', 'inv-2']]]);
  });

  it('the stored id of a charge is per producer, so equal ids of two producers never collide', () => {
    expect(chargeDocId('acme', 'postsale', 'x')).not.toBe(chargeDocId('acme', 'techsupport', 'x'));
    expect(chargeDocId('acme', 'postsale', 'x')).toBe('chg_acme_x');
  });
});
