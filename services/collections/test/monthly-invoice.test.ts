import { chargesToMark, decideMonthlyInvoice, monthlyLines, type PendingCharge } from '../src/domain/monthly-invoice';
import { invoiceIdFor } from '../src/domain/invoice';
import { parsePeriod } from '../src/domain/period';
import type { SubscriptionChange } from '../src/domain/subscription-billing';

const account = { _id: 'bac_1', customerId: 'cus_1', accountNumber: 'BA-0000ABCD', currency: 'BOB' };
const policy = { timeZone: 'America/La_Paz', multiBasicTelephonyAmountMinor: 7000 };
const march = parsePeriod('2026-03');
const activated = (fee: number, date = '2026-01-01'): SubscriptionChange => ({
  eventId: `e${fee}`,
  change: 'ACTIVATED',
  effectiveDate: date,
  planCode: `P${fee}`,
  monthlyFeeMinor: fee,
  billing: 'PRORATED',
  wholePartMinor: null,
});
const charge = (id: string, at: string, c: Partial<PendingCharge> = {}): PendingCharge => ({
  _id: id,
  kind: 'FEE',
  description: id,
  installedProductId: null,
  amountMinor: 100,
  currency: 'BOB',
  requestedAt: new Date(at),
  invoiceId: null,
  settlement: null,
  ...c,
});

describe('monthly invoice decided per account from a batch read (R-COL-BILL1)', () => {
  it('R-COL-BILL1 plan fees in subscription id order, then the charges of the month oldest first; deterministic id and number', () => {
    const draft = decideMonthlyInvoice(
      't1',
      account,
      [
        { _id: 't1|ip_b', installedProductId: 'ip_b', changes: [activated(20000)] },
        { _id: 't1|ip_a', installedProductId: 'ip_a', changes: [activated(10000, '2026-03-17')] },
      ],
      [charge('c2', '2026-03-20T12:00:00Z'), charge('c1', '2026-03-05T12:00:00Z')],
      march,
      policy,
    );
    expect(draft).toMatchObject({
      _id: invoiceIdFor('t1', 'bac_1', '2026-03'),
      number: 'BA-0000ABCD-202603',
      period: '2026-03',
      dueDate: '2026-04-01',
      currency: 'BOB',
      kind: 'MONTHLY',
    });
    expect(draft!.lines.map((l) => [l.installedProductId ?? l.chargeId, l.amountMinor])).toEqual([
      ['ip_a', 4839],
      ['ip_b', 20000],
      ['c1', 100],
      ['c2', 100],
    ]);
    expect(draft!.totalMinor).toBe(4839 + 20000 + 200);
  });

  it('R-PS-H4 leaves out charges of another currency, already invoiced, settled by a receivable invoice, or requested after the month (tenant time zone)', () => {
    const lines = monthlyLines(
      account,
      [],
      [
        charge('usd', '2026-03-05T12:00:00Z', { currency: 'USD' }),
        charge('done', '2026-03-05T12:00:00Z', { invoiceId: 'inv_x' }),
        charge('cxc', '2026-03-05T12:00:00Z', { settlement: 'RECEIVABLE_INVOICE' }),
        // 1 April 02:00 UTC is still 31 March in La Paz: billed in March; 1 April 05:00 UTC is April.
        charge('late-utc', '2026-04-01T02:00:00Z'),
        charge('april', '2026-04-01T05:00:00Z'),
      ],
      march,
      policy,
    );
    expect(lines.map((l) => l.chargeId)).toEqual(['late-utc']);
  });

  it('R-COL-BILL1 nothing to bill: no invoice', () => {
    expect(
      decideMonthlyInvoice('t1', account, [{ _id: 's', installedProductId: 'ip', changes: [activated(10000, '2026-04-03')] }], [], march, policy),
    ).toBeNull();
  });

  it('an invoice stored by a run that died marks the charges it billed that are still pending, and only those', () => {
    const invoice = {
      _id: 'inv_1',
      lines: [
        { kind: 'FEE' as const, description: '', installedProductId: null, chargeId: 'c1', days: null, amountMinor: 1 },
        { kind: 'FEE' as const, description: '', installedProductId: null, chargeId: 'c2', days: null, amountMinor: 1 },
      ],
    };
    expect(
      chargesToMark(invoice, [
        { _id: 'c1', invoiceId: null },
        { _id: 'c2', invoiceId: 'inv_1' },
        { _id: 'c3', invoiceId: null },
      ]),
    ).toEqual(['c1']);
  });
});
