import {
  billedMonthly,
  decideReceivableInvoice,
  invoiceKindOf,
  receivableInvoiceIdFor,
  settlementOf,
  type ReceivableCharge,
} from '../src/domain/receivable-invoice';

const charge = (c: Partial<ReceivableCharge> = {}): ReceivableCharge => ({
  _id: 'chg_t1_eq-1',
  kind: 'RECEIVABLE',
  description: 'Router not returned (R-PS-H4)',
  installedProductId: 'ip-1',
  amountMinor: 35050,
  currency: 'BOB',
  billingAccountId: 'ba-1',
  invoiceId: null,
  settlement: 'RECEIVABLE_INVOICE',
  ...c,
});
const account = { _id: 'ba-1', accountNumber: 'BA-0000ABCD', currency: 'BOB' };
const LA_PAZ = 'America/La_Paz';

describe('R-PS-H4 settlement of a requested charge', () => {
  it('R-PS-H4 absent or NEXT_INVOICE is the economic claim on the next monthly invoice; only RECEIVABLE_INVOICE stays off it', () => {
    expect([settlementOf(undefined), settlementOf(null), settlementOf('NEXT_INVOICE'), settlementOf('RECEIVABLE_INVOICE')]).toEqual([
      'NEXT_INVOICE',
      'NEXT_INVOICE',
      'NEXT_INVOICE',
      'RECEIVABLE_INVOICE',
    ]);
    expect(billedMonthly({})).toBe(true);
    expect(billedMonthly({ settlement: null })).toBe(true);
    expect(billedMonthly({ settlement: 'NEXT_INVOICE' })).toBe(true);
    expect(billedMonthly({ settlement: 'RECEIVABLE_INVOICE' })).toBe(false);
  });

  it('R-PS-H4 a RECEIVABLE_INVOICE charge with an account gets one invoice of its own: one line, to the cent, id from the charge, due on its local issue day', () => {
    // 23:30 on 31 March in La Paz is 03:30 UTC on 1 April: issued (and due) on the local day, counted in March.
    const at = new Date('2026-04-01T03:30:00.000Z');
    const d = decideReceivableInvoice('t1', charge(), account, at, LA_PAZ);
    if (!d.issue) throw new Error(`not issued: ${d.reason}`);
    expect(d.invoice).toEqual({
      _id: receivableInvoiceIdFor('t1', 'chg_t1_eq-1'),
      kind: 'RECEIVABLE',
      billingAccountId: 'ba-1',
      number: `BA-0000ABCD-R-${receivableInvoiceIdFor('t1', 'chg_t1_eq-1').slice(4, 14).toUpperCase()}`,
      period: '2026-03',
      dueDate: '2026-03-31',
      lines: [
        {
          kind: 'RECEIVABLE',
          description: 'Router not returned (R-PS-H4)',
          installedProductId: 'ip-1',
          chargeId: 'chg_t1_eq-1',
          days: null,
          amountMinor: 35050,
        },
      ],
      totalMinor: 35050,
    });
    // The same charge decided again (a redelivery, another moment) is the same invoice id.
    const again = decideReceivableInvoice('t1', charge(), account, new Date('2026-04-20T12:00:00.000Z'), LA_PAZ);
    expect(again.issue && again.invoice._id).toBe(d.invoice._id);
    // Another charge, or the same charge id in another tenant, is another invoice.
    expect(receivableInvoiceIdFor('t1', 'chg_t1_eq-2')).not.toBe(d.invoice._id);
    expect(receivableInvoiceIdFor('t2', 'chg_t1_eq-1')).not.toBe(d.invoice._id);
  });

  it('R-PS-H4 nothing is issued for a next-invoice charge, an invoiced charge, a charge without a known account, or another currency', () => {
    const at = new Date('2026-03-10T15:00:00.000Z');
    expect(decideReceivableInvoice('t1', charge({ settlement: undefined }), account, at, LA_PAZ)).toEqual({ issue: false, reason: 'NOT_RECEIVABLE' });
    expect(decideReceivableInvoice('t1', charge({ settlement: 'NEXT_INVOICE' }), account, at, LA_PAZ)).toEqual({ issue: false, reason: 'NOT_RECEIVABLE' });
    expect(decideReceivableInvoice('t1', charge({ invoiceId: 'inv_x' }), account, at, LA_PAZ)).toEqual({ issue: false, reason: 'ALREADY_INVOICED' });
    expect(decideReceivableInvoice('t1', charge({ billingAccountId: null }), null, at, LA_PAZ)).toEqual({ issue: false, reason: 'NO_ACCOUNT_YET' });
    expect(decideReceivableInvoice('t1', charge({ billingAccountId: 'ba-2' }), account, at, LA_PAZ)).toEqual({ issue: false, reason: 'NO_ACCOUNT_YET' });
    expect(decideReceivableInvoice('t1', charge({ currency: 'USD' }), account, at, LA_PAZ)).toEqual({ issue: false, reason: 'CURRENCY_MISMATCH' });
  });

  it('an invoice kind: stored, else IMPORTED with an external id, else MONTHLY', () => {
    expect(invoiceKindOf({ kind: 'RECEIVABLE' })).toBe('RECEIVABLE');
    expect(invoiceKindOf({ externalId: 'ERP-1' })).toBe('IMPORTED');
    expect(invoiceKindOf({ kind: null, externalId: null })).toBe('MONTHLY');
  });
});
