import { overdueLetterSpec, proformaInvoiceSpec } from '../src/domain/documents';

const tenant = {
  name: 'Cooperativa de Telecomunicaciones',
  taxId: '1020304050',
  address: 'Calle Jordán 250, Cochabamba',
  currency: 'BOB',
  country: 'BO',
  timeZone: 'America/La_Paz',
};
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('collections documents: what the pro-forma invoice and the overdue letter say', () => {
  test('pro-forma: customer, account, period in words, issue day in the tenant zone, due day, each line and the total to the cent', () => {
    const spec = proformaInvoiceSpec(tenant, {
      number: 'BA-0000ABCD-202601',
      period: '2026-01',
      issuedAt: new Date('2026-02-01T02:00:00Z'),
      dueDate: '2026-02-10',
      currency: 'BOB',
      customerName: 'Hotel Los Andes SRL',
      accountNumber: 'BA-0000ABCD',
      lines: [
        { kind: 'PLAN_FEE', description: 'Plan 100 Mbps', installedProductId: null, chargeId: null, days: null, amountMinor: 130000 },
        { kind: 'EXCESS_CABLE', description: 'Cable 15 m', installedProductId: null, chargeId: null, days: null, amountMinor: 4567 },
      ],
      totalMinor: 134567,
    });
    expect(spec.letterhead).toEqual({ name: 'Cooperativa de Telecomunicaciones', taxId: '1020304050', address: 'Calle Jordán 250, Cochabamba', logo: null });
    expect(spec.sections[0]!.fields).toEqual([
      ['Cliente', 'Hotel Los Andes SRL'],
      ['Cuenta de facturación', 'BA-0000ABCD'],
      ['Periodo', 'enero de 2026'],
      ['Fecha de emisión', '31/01/2026'], // 02:00 UTC on 1 February is still 31 January in La Paz
      ['Fecha de vencimiento', '10/02/2026'],
      ['Moneda', 'BOB'],
    ]);
    const table = spec.sections[1]!.table!;
    expect(table.rows.map((r) => r.map(plain))).toEqual([
      ['Cargo del plan', 'Plan 100 Mbps', 'Bs 1.300,00'],
      ['Cable excedente', 'Cable 15 m', 'Bs 45,67'],
    ]);
    expect(table.total!.map(plain)).toEqual(['Total', '', 'Bs 1.345,67']);
  });

  test('overdue letter: each overdue invoice with its outstanding amount and due day, the total owed', () => {
    const spec = overdueLetterSpec(tenant, {
      customerName: 'Ferretería Núñez',
      accountNumber: 'BA-1',
      currency: 'BOB',
      day: '2026-03-05',
      at: new Date('2026-03-05T15:00:00Z'),
      invoices: [
        { number: 'BA-1-202601', period: '2026-01', dueDate: '2026-02-01', outstandingMinor: 25050 },
        { number: 'BA-1-202602', period: '2026-02', dueDate: '2026-03-01', outstandingMinor: 9999 },
      ],
      overdueMinor: 35049,
    });
    expect(spec.sections[0]!.fields).toEqual([
      ['Señor(es)', 'Ferretería Núñez'],
      ['Cuenta de facturación', 'BA-1'],
      ['Fecha', '05/03/2026'],
    ]);
    expect(plain(spec.sections[1]!.paragraphs![0]!)).toContain('saldo en mora de Bs 350,49');
    expect(spec.sections[2]!.table!.rows.map((r) => r.map(plain))).toEqual([
      ['BA-1-202601', '2026-01', '01/02/2026', 'Bs 250,50'],
      ['BA-1-202602', '2026-02', '01/03/2026', 'Bs 99,99'],
    ]);
  });
});
