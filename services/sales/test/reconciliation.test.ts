import { definePlan, priceLine } from '../src/domain/catalog';
import { completedOrderFact, placedOrderFact, type OrderFactSource } from '../src/domain/reconciliation';

const t = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00.000Z`);
const cutoff = t('12:00');
const plan = definePlan({
  code: 'FIB-100',
  name: 'Fibra 100',
  family: 'INTERNET',
  technology: 'FIBER',
  speedMbps: 100,
  monthlyFeeMinor: 25000,
  installationCostMinor: 10000,
});
const tv = definePlan({ code: 'TV-BASIC', name: 'TV', family: 'PAY_TV', technology: 'COAX', monthlyFeeMinor: 9000, installationCostMinor: 0 });
const order = (over: Partial<OrderFactSource>): OrderFactSource => ({
  _id: 'so-1',
  customerId: 'c-1',
  status: 'COMPLETED',
  acceptedLines: [priceLine(plan, null, '2026-11-24'), priceLine(tv, null, '2026-11-24')],
  serviceNumber: null,
  history: [
    { from: null, to: 'ENTERED', by: 'clerk', at: t('08:00'), note: null },
    { from: 'ENTERED', to: 'PLACED', by: 'clerk', at: t('09:00'), note: null },
    { from: 'PLACED', to: 'INSTALLED', by: 'system', at: t('10:00'), note: null },
    { from: 'INSTALLED', to: 'COMPLETED', by: 'exec', at: t('11:00'), note: null },
  ],
  ...over,
});

describe('sales facts for the reconciliation report', () => {
  it('a placed order is a fact from the moment it reached PLACED, with its status now', () => {
    expect(placedOrderFact(order({}), cutoff)).toEqual({
      id: 'so-1',
      kind: null,
      customerId: 'c-1',
      status: 'COMPLETED',
      ref: null,
      items: [],
      at: t('09:00'),
    });
    expect(placedOrderFact(order({}), t('08:59'))).toBeNull();
    expect(
      placedOrderFact(
        order({
          status: 'RETURNED',
          history: [
            { from: null, to: 'ENTERED', by: 'clerk', at: t('08:00'), note: null },
            { from: 'ENTERED', to: 'RETURNED', by: 'clerk', at: t('08:30'), note: null },
          ],
        }),
        cutoff,
      ),
    ).toBeNull();
  });

  it('a COMPLETED order is a fact from its completion, with the item ids its activation event carries (one subscription each)', () => {
    expect(completedOrderFact(order({}), cutoff)).toMatchObject({ id: 'so-1', customerId: 'c-1', items: ['so-1-1', 'so-1-2'], at: t('11:00') });
    expect(completedOrderFact(order({ acceptedLines: [] }), cutoff)?.items).toEqual([]);
    expect(completedOrderFact(order({}), t('10:59'))).toBeNull();
    expect(completedOrderFact(order({ status: 'INSTALLED' }), cutoff)).toBeNull();
  });
});
