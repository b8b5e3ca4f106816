import { domainErrorOf } from '@vinculo/common/testing';
import { addInvoice, applyPayment, balanceOf, standingOf, type Ledger } from '../src/domain/ledger';

const ledger = (): Ledger => ({
  invoices: [
    { invoiceId: 'inv_b', period: '2026-04', dueDate: '2026-05-01', totalMinor: 5000, paidMinor: 0 },
    { invoiceId: 'inv_a', period: '2026-03', dueDate: '2026-04-01', totalMinor: 10000, paidMinor: 0 },
  ],
  creditMinor: 0,
});

describe('payments', () => {
  it('a partial payment goes to the oldest invoice first', () => {
    const r = applyPayment(ledger(), 12000);
    expect(r.allocations).toEqual([
      { invoiceId: 'inv_a', amountMinor: 10000 },
      { invoiceId: 'inv_b', amountMinor: 2000 },
    ]);
    expect(r.creditAddedMinor).toBe(0);
    expect(balanceOf(r.ledger)).toBe(3000);
  });
  it('a payment larger than the debt leaves a credit balance, never a negative invoice', () => {
    const r = applyPayment(ledger(), 20000);
    expect(r.creditAddedMinor).toBe(5000);
    expect(r.ledger.creditMinor).toBe(5000);
    expect(r.ledger.invoices.every((i) => i.paidMinor <= i.totalMinor)).toBe(true);
    expect(balanceOf(r.ledger)).toBe(0);
  });
  it('a credit balance pays the next invoice, never below zero', () => {
    const paid = applyPayment(ledger(), 20000).ledger;
    const r = addInvoice(paid, { invoiceId: 'inv_c', period: '2026-05', dueDate: '2026-06-01', totalMinor: 1500 });
    expect(r.creditUsedMinor).toBe(1500);
    expect(r.ledger.creditMinor).toBe(3500);
    expect(r.ledger.invoices.find((i) => i.invoiceId === 'inv_c')?.paidMinor).toBe(1500);
  });
  it('an invoice enters the ledger once', () => {
    expect(domainErrorOf(() => addInvoice(ledger(), { invoiceId: 'inv_a', period: '2026-03', dueDate: '2026-04-01', totalMinor: 1 })).kind).toBe(
      'already_exists',
    );
  });
  it('rejects a zero or negative payment', () => {
    expect(domainErrorOf(() => applyPayment(ledger(), 0)).kind).toBe('invalid_input');
  });
});

describe('R-COL-STANDING', () => {
  it('R-COL-STANDING overdue only after the tenant overdue days past the due date', () => {
    expect(standingOf(ledger(), '2026-05-01', 30)).toEqual({ standing: 'UP_TO_DATE', overdueMinor: 0, overdueSinceDate: null });
    expect(standingOf(ledger(), '2026-05-02', 30)).toEqual({ standing: 'OVERDUE', overdueMinor: 10000, overdueSinceDate: '2026-04-01' });
    expect(standingOf(ledger(), '2026-05-31', 30).overdueMinor).toBe(10000);
    expect(standingOf(ledger(), '2026-06-01', 30).overdueMinor).toBe(15000);
  });
  it('R-COL-STANDING paying the overdue invoice puts the account back up to date', () => {
    expect(standingOf(applyPayment(ledger(), 10000).ledger, '2026-05-20', 30).standing).toBe('UP_TO_DATE');
  });
});
