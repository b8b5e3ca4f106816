import type { ReconciliationFact } from '@vinculo/common';
import { excessCableChargeFact, installationsCounted, workOrderDiscrepancies, type ReviewFactSource } from '../src/domain/reconciliation';
import { excessCableChargeId } from '../src/domain/preventive';

const t = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00.000Z`);
const cutoff = t('12:00');
const fact = (id: string, at = t('10:00')): ReconciliationFact => ({ id, kind: null, customerId: 'c-1', status: 'PLACED', ref: null, items: [], at });

describe('techsupport in the reconciliation report', () => {
  const orders = [fact('so-none'), fact('so-one'), fact('so-two'), fact('so-late', t('12:01'))];
  const opened: Record<string, string[]> = { 'so-one': ['wo-1'], 'so-two': ['wo-3', 'wo-2'] };
  const found = workOrderDiscrepancies(
    orders.map((f) => ({ fact: f, what: 'placed sales order' })),
    cutoff,
    (id) => opened[id] ?? [],
  );

  it('WORK_ORDER_MISSING: a placed order, relocation or withdrawal in the field without a work order', () => {
    expect(found.filter((d) => d.invariant === 'WORK_ORDER_MISSING')).toEqual([
      { invariant: 'WORK_ORDER_MISSING', entityIds: ['so-none'], since: t('10:00'), detail: 'placed sales order so-none has no work order' },
    ]);
  });

  it('WORK_ORDER_DUPLICATED: more than one work order for it, all named', () => {
    expect(found.filter((d) => d.invariant === 'WORK_ORDER_DUPLICATED')).toEqual([
      { invariant: 'WORK_ORDER_DUPLICATED', entityIds: ['so-two', 'wo-2', 'wo-3'], since: t('10:00'), detail: expect.stringContaining('2 work orders') },
    ]);
  });

  it('a new installation linked to the order once every earlier one was closed follows a failed one: not a duplicate', () => {
    const wo = (_id: string, createdAt: string, closedAt: string | null) => ({ _id, createdAt: t(createdAt), closedAt: closedAt ? t(closedAt) : null });
    // First closed unresolved at 09:00, the follow-up opened at 09:30 (and itself followed up at 11:00).
    expect(installationsCounted([wo('wo-b', '09:30', '10:30'), wo('wo-a', '08:00', '09:00'), wo('wo-c', '11:00', null)])).toEqual(['wo-a']);
    // Opened while the first was still open: a duplicate, counted.
    expect(installationsCounted([wo('wo-a', '08:00', '09:00'), wo('wo-b', '08:30', null)])).toEqual(['wo-a', 'wo-b']);
    expect(installationsCounted([wo('wo-a', '08:00', null), wo('wo-b', '08:30', null)])).toEqual(['wo-a', 'wo-b']);
  });

  it('a fact after the cutoff is work in flight: not checked', () => {
    expect(found.some((d) => d.entityIds.includes('so-late'))).toBe(false);
  });

  it('R-TS-K1 an accepted migration with excess cable is a charge fact under the id techsupport.ChargeRequested carries', () => {
    const review = (over: Partial<ReviewFactSource>): ReviewFactSource => ({
      _id: 'rev-1',
      customerId: 'c-1',
      migration: 'ACCEPTED',
      excessCableMinor: 4500,
      history: [
        { from: null, to: 'QUOTED', by: 'analyst', at: t('09:00'), note: null },
        { from: 'QUOTED', to: 'ACCEPTED', by: 'analyst', at: t('10:30'), note: null },
      ],
      ...over,
    });
    expect(excessCableChargeFact(review({}), cutoff)).toEqual({
      id: excessCableChargeId('rev-1'),
      kind: 'EXCESS_CABLE',
      customerId: 'c-1',
      status: null,
      ref: 'rev-1',
      items: [],
      at: t('10:30'),
    });
    expect(excessCableChargeFact(review({ excessCableMinor: 0 }), cutoff)).toBeNull();
    expect(excessCableChargeFact(review({ migration: 'DECLINED' }), cutoff)).toBeNull();
    expect(excessCableChargeFact(review({}), t('10:00'))).toBeNull();
  });
});
