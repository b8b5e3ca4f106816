import { businessCaseSpec, percentOf } from '../src/domain/documents';

describe('proposals documents: the business case F-COM-002', () => {
  test('margin percent from basis points with the decimal comma, negative and unknown included', () => {
    expect([percentOf(2162), percentOf(5), percentOf(-1250), percentOf(0), percentOf(null)]).toEqual(['21,62 %', '0,05 %', '-12,50 %', '0,00 %', '—']);
  });

  test('costs, results to the cent and the pending decision', () => {
    const spec = businessCaseSpec(
      { name: 'Coop', currency: 'BOB', country: 'BO', timeZone: 'America/La_Paz' },
      { id: 'opp-1', title: 'SOC', customerName: 'Minera', requirementType: 'SERVICE', serviceLines: ['SOC'] },
      {
        costLines: [{ description: 'Set-up', kind: 'ONE_TIME', amountMinor: 500010 }],
        oneTimePriceMinor: 100050,
        monthlyPriceMinor: 300025,
        termMonths: 12,
        currency: 'BOB',
        totalRevenueMinor: 3700350,
        totalCostMinor: 500010,
        marginMinor: 3200340,
        marginBasisPoints: 8649,
        paybackMonths: null,
        sizedBy: 'presales-1',
        sizedAt: new Date('2026-12-01T12:00:00Z'),
        decision: null,
        justification: null,
        decidedBy: null,
        decidedAt: null,
      },
    );
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(spec.sections[2]!.fields!.map(([k, v]) => [k, plain(v)])).toEqual([
      ['Precio único', 'Bs 1.000,50'],
      ['Precio mensual', 'Bs 3.000,25'],
      ['Plazo', '12 meses'],
      ['Ingreso total', 'Bs 37.003,50'],
      ['Costo total', 'Bs 5.000,10'],
      ['Margen', 'Bs 32.003,40 (86,49 %)'],
      ['Recuperación', 'No se recupera en el plazo'],
    ]);
    expect(spec.sections[3]!.paragraphs).toEqual(['Pendiente de decisión de la dirección comercial.']);
  });
});
