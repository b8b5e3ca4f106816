import { offerLetterSpec, orderFormSpec } from '../src/domain/documents';

const tenant = { name: 'Cooperativa de Telecomunicaciones', currency: 'BOB', country: null, timeZone: 'America/La_Paz' };
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('sales documents: what the offer letter and the order form say', () => {
  test('offer letter: list and offered price per line, totals to the cent, validity day', () => {
    const spec = offerLetterSpec(tenant, {
      customerName: 'Panadería Ñusta SRL',
      offerNumber: 2,
      needs: 'Internet',
      installationAddress: 'Av. América 1200',
      currency: 'BOB',
      lines: [
        {
          planCode: 'FIB-200',
          family: 'INTERNET',
          promotionCode: 'PROMO-50',
          listMonthlyFeeMinor: 125040,
          monthlyFeeMinor: 62520,
          installationCostMinor: 9995,
        },
        { planCode: 'TV-1', family: 'TV', promotionCode: null, listMonthlyFeeMinor: 8000, monthlyFeeMinor: 8000, installationCostMinor: 0 },
      ],
      monthlyTotalMinor: 70520,
      installationTotalMinor: 9995,
      validUntil: '2026-12-20',
      sentAt: new Date('2026-12-05T03:00:00Z'),
      executiveName: 'exec-1',
    });
    expect(spec.subtitle).toBe('N.º 2 · 04/12/2026'); // 03:00 UTC is still the 4th in La Paz
    const table = spec.sections[2]!.table!;
    expect(table.rows.map((r) => r.map(plain))).toEqual([
      ['FIB-200 (INTERNET)', 'PROMO-50', 'Bs 1.250,40', 'Bs 625,20', 'Bs 99,95'],
      ['TV-1 (TV)', '—', 'Bs 80,00', 'Bs 80,00', 'Bs 0,00'],
    ]);
    expect(table.total!.map(plain)).toEqual(['Total', '', '', 'Bs 705,20', 'Bs 99,95']);
    expect(spec.sections[3]!.paragraphs![1]).toBe('Esta oferta es válida hasta el 20/12/2026.');
  });

  test('order form: totals summed from the lines, the documents presented, or "Ninguno"', () => {
    const spec = orderFormSpec(tenant, {
      orderId: 'so-1',
      customerName: 'Panadería Ñusta SRL',
      installationAddress: 'Av. América 1200',
      currency: 'BOB',
      lines: [
        { planCode: 'FIB-200', promotionCode: null, monthlyFeeMinor: 125040, installationCostMinor: 9995 },
        { planCode: 'TV-1', promotionCode: null, monthlyFeeMinor: 8000, installationCostMinor: 5 },
      ],
      requirementDocuments: [],
      placedAt: new Date('2026-12-05T15:00:00Z'),
      status: 'ENTERED',
    });
    expect(spec.sections[1]!.table!.total!.map(plain)).toEqual(['Total', '', 'Bs 1.330,40', 'Bs 100,00']);
    expect(spec.sections[2]!.paragraphs).toEqual(['Ninguno']);
  });
});
