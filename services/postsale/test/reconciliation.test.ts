import type { ReconciliationFact } from '@vinculo/common';
import {
  chargeFacts,
  ordersWithoutSubscription,
  owedSubscriptions,
  subscriptionFact,
  workOrderNeedFact,
  type RequestFactSource,
} from '../src/domain/reconciliation';
import { subscriptionIdFor } from '../src/application/activation';

const t = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00.000Z`);
const cutoff = t('12:00');
const order = (id: string, items: string[], at = t('10:00')): ReconciliationFact => ({
  id,
  kind: null,
  customerId: 'c-1',
  status: 'COMPLETED',
  ref: null,
  items,
  at,
});

describe('post-sale in the reconciliation report', () => {
  it('ORDER_WITHOUT_SUBSCRIPTION: each item of a COMPLETED order owes the subscription its activation creates', () => {
    const owed = owedSubscriptions([order('so-1', ['so-1-1', 'so-1-2']), order('so-2', [])], cutoff);
    expect(owed.map((o) => [o.order.id, o.itemId])).toEqual([
      ['so-1', 'so-1-1'],
      ['so-1', 'so-1-2'],
      ['so-2', 'main'],
    ]);
    // The ids are the ones onSalesOrderActivated derives: present ones pass, the missing one is named.
    const existing = new Set([subscriptionIdFor('acme', 'so-1', 'so-1-1'), subscriptionIdFor('acme', 'so-2', 'main')]);
    expect(ordersWithoutSubscription(owed, (o) => existing.has(subscriptionIdFor('acme', o.order.id, o.itemId)))).toEqual([
      { invariant: 'ORDER_WITHOUT_SUBSCRIPTION', entityIds: ['so-1', 'so-1-2'], since: t('10:00'), detail: expect.stringContaining('so-1-2') },
    ]);
    expect(ordersWithoutSubscription(owed, () => true)).toEqual([]);
  });

  it('ORDER_WITHOUT_SUBSCRIPTION is not checked for an order completed after the cutoff (work in flight)', () => {
    expect(owedSubscriptions([order('so-3', ['so-3-1'], t('12:01'))], cutoff)).toEqual([]);
  });

  it('a subscription is a fact with its status now and the time of its last status change', () => {
    const p = {
      _id: 'inp-1',
      customerId: 'c-1',
      status: 'SUSPENDED' as const,
      orderId: 'so-1',
      installedAt: t('09:00'),
      history: [
        { from: null, to: 'ACTIVE', by: 'system', at: t('09:00'), note: null },
        { from: 'ACTIVE', to: 'SUSPENDED', by: 'clerk', at: t('11:30'), note: null },
      ],
    };
    expect(subscriptionFact(p)).toEqual({ id: 'inp-1', kind: null, customerId: 'c-1', status: 'SUSPENDED', ref: 'so-1', items: [], at: t('11:30') });
  });

  const request = (over: Partial<RequestFactSource>): RequestFactSource => ({
    _id: 'psr-1',
    type: 'WITHDRAWAL',
    customerId: 'c-1',
    installedProductId: 'inp-1',
    enteredAt: t('09:00'),
    charges: [
      { chargeId: 'psr-1-penalty', kind: 'PENALTY' },
      { chargeId: 'psr-1-eq', kind: 'RECEIVABLE' },
    ],
    history: [
      { from: null, to: 'RECEIVED', by: 'clerk', at: t('08:00'), note: null },
      { from: 'RECEIVED', to: 'IN_FIELD', by: 'clerk', at: t('09:00'), note: null },
      { from: 'IN_FIELD', to: 'QC_PENDING', by: 'system', at: t('11:00'), note: null },
    ],
    ...over,
  });

  it('a relocation or withdrawal sent to the field needs a work order from the moment it went IN_FIELD; other requests do not', () => {
    expect(workOrderNeedFact(request({}), cutoff)).toEqual({
      id: 'psr-1',
      kind: 'WITHDRAWAL',
      customerId: 'c-1',
      status: null,
      ref: 'inp-1',
      items: [],
      at: t('09:00'),
    });
    expect(workOrderNeedFact(request({ type: 'RELOCATION' }), cutoff)?.kind).toBe('RELOCATION');
    expect(workOrderNeedFact(request({ type: 'CALL_DETAIL' }), cutoff)).toBeNull();
    expect(
      workOrderNeedFact(
        request({
          history: [
            { from: null, to: 'RECEIVED', by: 'clerk', at: t('08:00'), note: null },
            { from: 'RECEIVED', to: 'CLOSED', by: 'clerk', at: t('09:00'), note: 'R-PS-H2 penalty declined' },
          ],
        }),
        cutoff,
      ),
    ).toBeNull();
    expect(workOrderNeedFact(request({}), t('08:59'))).toBeNull();
  });

  it('each requested charge is a fact at the step that requested it: entry, or the return from the field for an equipment receivable', () => {
    expect(chargeFacts(request({}), cutoff).map((c) => [c.id, c.kind, c.ref, c.at])).toEqual([
      ['psr-1-penalty', 'PENALTY', 'psr-1', t('09:00')],
      ['psr-1-eq', 'RECEIVABLE', 'psr-1', t('11:00')],
    ]);
    expect(chargeFacts(request({}), t('10:00')).map((c) => c.id)).toEqual(['psr-1-penalty']);
  });
});
