import { callDetailReportSpec, withdrawalSettlementSpec } from '../src/domain/documents';

const tenant = { name: 'Cooperativa', currency: 'BOB', country: 'BO', timeZone: 'America/La_Paz' };
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('postsale documents: what the call-detail report and the withdrawal settlement say', () => {
  test('call detail (R-PS-G1): each month, charged or free, and the total', () => {
    const spec = callDetailReportSpec(tenant, {
      requestId: 'r-1',
      customerName: 'Hotel',
      serviceNumber: '4-4251234',
      currency: 'BOB',
      months: ['2026-10', '2026-11', '2026-12'],
      chargeableMonths: ['2026-10', '2026-11'],
      carrier: 'OWN',
      deliveryChannel: 'EMAIL',
      amountMinor: 2400,
      enteredAt: new Date('2026-12-03T15:00:00Z'),
    });
    const t = spec.sections[1]!.table!;
    expect(t.rows.map((r) => r.map(plain))).toEqual([
      ['octubre de 2026', 'Bs 12,00'],
      ['noviembre de 2026', 'Bs 12,00'],
      ['diciembre de 2026', 'Sin cargo'],
    ]);
    expect(t.total!.map(plain)).toEqual(['Total a facturar', 'Bs 24,00']);
  });

  test('withdrawal (R-PS-H2/H3/H4): final bill + penalty + the receivable of damaged or missing equipment; pending equipment charges nothing yet', () => {
    const base = {
      requestId: 'r-2',
      customerName: 'Hotel',
      serviceNumber: '4-1',
      planCode: 'INET-50',
      currency: 'BOB',
      reason: 'Cierra',
      effectiveDate: '2026-12-03',
      finalBilling: { billing: 'PRORATED', days: 2, daysInMonth: 31, amountMinor: 968, wholePartMinor: null },
      penaltyMinor: 30000,
      penaltyAccepted: true,
      enteredAt: new Date('2026-12-03T15:00:00Z'),
    };
    const pending = withdrawalSettlementSpec(tenant, {
      ...base,
      equipment: [{ code: 'M-1', description: null, valueMinor: 27530, condition: null, chargeMinor: null }],
    });
    expect(plain(pending.sections[1]!.table!.total![2]!)).toBe('Bs 309,68');
    const settled = withdrawalSettlementSpec(tenant, {
      ...base,
      equipment: [
        { code: 'M-1', description: null, valueMinor: 27530, condition: 'DAMAGED', chargeMinor: 27530 },
        { code: 'O-1', description: 'ONT', valueMinor: 35000, condition: 'OK', chargeMinor: 0 },
      ],
    });
    const rows = settled.sections[1]!.table!.rows.map((r) => r.map(plain));
    expect(rows[0]).toEqual(['Factura final', 'Prorrateo por días: 2 de 31 días', 'Bs 9,68']);
    expect(rows[2]).toEqual(['Equipo M-1', 'valor Bs 275,30 · Dañado', 'Bs 275,30']);
    expect(plain(settled.sections[1]!.table!.total![2]!)).toBe('Bs 584,98');
  });
});
