import { addTotals, billingOf, contributionOf, deltaOf, indicatorsFromTotals } from '../src/domain/indicator-totals';
import { flattenCounters } from '@vinculo/common';
import { ageing } from '../src/domain/indicators';

const inv = (invoiceId: string, dueDate: string, totalMinor: number, paidMinor = 0) => ({
  invoiceId,
  period: dueDate.slice(0, 7),
  dueDate,
  totalMinor,
  paidMinor,
});

describe('collections indicator totals (maintained instead of scanned)', () => {
  it('an account counts its debt, its overdue amount when OVERDUE and its unpaid debt by due date; nothing without invoices', () => {
    expect(contributionOf({ currency: 'BOB', invoices: [], standing: 'UP_TO_DATE', overdueMinor: 0 })).toEqual({});
    expect(
      contributionOf({
        currency: 'BOB',
        invoices: [inv('a', '2026-04-01', 10000, 2500), inv('b', '2026-05-01', 300), inv('c', '2026-03-01', 500, 500)],
        standing: 'OVERDUE',
        overdueMinor: 7500,
      }),
    ).toEqual({
      'cur.BOB.accounts': 1,
      'cur.BOB.outstanding': 7800,
      'cur.BOB.overdueAccounts': 1,
      'cur.BOB.overdue': 7500,
      'cur.BOB.due.2026-04-01': 7500,
      'cur.BOB.due.2026-05-01': 300,
    });
  });

  it('a write adds after − before; billing counts monthly and imported invoices per period and segment, never a receivable invoice', () => {
    const before = contributionOf({ currency: 'BOB', invoices: [inv('a', '2026-04-01', 10000)], standing: 'UP_TO_DATE', overdueMinor: 0 });
    const after = contributionOf({ currency: 'BOB', invoices: [inv('a', '2026-04-01', 10000, 10000)], standing: 'UP_TO_DATE', overdueMinor: 0 });
    expect(deltaOf(before, after)).toEqual({ 'cur.BOB.outstanding': -10000, 'cur.BOB.due.2026-04-01': -10000 });
    expect(billingOf({ period: '2026-03', segment: null, currency: 'BOB', totalMinor: 900, kind: 'IMPORTED' })).toEqual({
      'bill.2026-03.UNKNOWN~BOB.invoices': 1,
      'bill.2026-03.UNKNOWN~BOB.totalMinor': 900,
    });
    expect(billingOf({ period: '2026-03', segment: 'PERSON', currency: 'BOB', totalMinor: 900, kind: 'RECEIVABLE' })).toEqual({});
    expect(addTotals({ x: 1, y: 2 }, { x: -1 })).toEqual({ y: 2 });
  });

  it('the indicators from the sum of the accounts equal those of the accounts one by one, ageing as of today', () => {
    const accounts = [
      { currency: 'BOB', invoices: [inv('a', '2026-04-01', 10000, 2500), inv('b', '2026-06-01', 300)], standing: 'OVERDUE', overdueMinor: 7500 },
      { currency: 'BOB', invoices: [inv('c', '2026-01-01', 4000)], standing: 'OVERDUE', overdueMinor: 4000 },
      { currency: 'USD', invoices: [inv('d', '2026-06-01', 100)], standing: 'UP_TO_DATE', overdueMinor: 0 },
      { currency: 'BOB', invoices: [], standing: 'UP_TO_DATE', overdueMinor: 0 },
    ];
    const totals = addTotals(
      ...accounts.map(contributionOf),
      billingOf({ period: '2026-03', segment: 'PERSON', currency: 'BOB', totalMinor: 10000, kind: 'MONTHLY' }),
    );
    const view = indicatorsFromTotals(
      flattenCounters({
        cur: {
          BOB: { outstanding: 11800, accounts: 2, overdueAccounts: 2, overdue: 11500, due: { '2026-04-01': 7500, '2026-06-01': 300, '2026-01-01': 4000 } },
          USD: { accounts: 1, outstanding: 100, due: { '2026-06-01': 100 } },
        },
        bill: { '2026-03': { 'PERSON~BOB': { invoices: 1, totalMinor: 10000 } } },
      }),
      '2026-03',
      'BOB',
      '2026-05-01',
    );
    expect(indicatorsFromTotals(totals, '2026-03', 'BOB', '2026-05-01')).toEqual(view);
    expect(view).toEqual({
      billingBySegment: [{ segment: 'PERSON', currency: 'BOB', invoices: 1, totalMinor: 10000 }],
      outstanding: [
        { currency: 'BOB', amountMinor: 11800 },
        { currency: 'USD', amountMinor: 100 },
      ],
      overdue: [{ currency: 'BOB', amountMinor: 11500 }],
      overdueRatioPercent: 96.64,
      ageing: ageing(
        accounts.filter((a) => a.currency === 'BOB').flatMap((a) => a.invoices),
        '2026-05-01',
      ),
    });
    expect(indicatorsFromTotals(totals, '2026-04', 'BOB', '2026-05-01').billingBySegment).toEqual([]);
  });
});
