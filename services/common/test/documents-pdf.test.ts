import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { renderPdf } from '../src/documents/pdf';
import { tinyPng } from '../../../test/e2e/support/files';

// pdf-parse in a process of its own (its worker needs a dynamic import Jest's sandbox refuses).
const textOf = (pdf: Buffer): { text: string; pages: number } => {
  const out = execFileSync(process.execPath, [path.join(__dirname, '../../../test/e2e/support/pdf-text.js')], { input: pdf });
  const { text, pages } = JSON.parse(out.toString('utf8')) as { text: string; pages: number };
  return { text: text.replace(/\s+/g, ' '), pages };
};

describe('documents: PDF layout', () => {
  test('letterhead (name, tax id, address), title, fields, a table that flows onto a second page, footer "página n de m" on each page', async () => {
    const rows = Array.from({ length: 70 }, (_, i) => [`Línea ${i + 1}`, `${i + 1},00`]);
    const pdf = await renderPdf({
      title: 'Detalle de llamadas',
      subtitle: 'Línea 4-4251234 · noviembre de 2026',
      letterhead: { name: 'Cooperativa Ñandutí', taxId: '1020304050', address: 'Calle Jordán 250, Cochabamba' },
      createdAt: new Date('2026-12-01T12:00:00Z'),
      sections: [
        { fields: [['Cliente', 'Hotel Los Andes SRL']] },
        { heading: 'Llamadas', table: { columns: ['Concepto', 'Importe'], right: [1], rows, total: ['Total', '2485,00'] } },
      ],
      footer: 'Cooperativa Ñandutí · Detalle de llamadas',
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = textOf(pdf);
    expect(pages).toBe(2);
    expect(text).toContain('Cooperativa Ñandutí NIT/RUC: 1020304050 Calle Jordán 250, Cochabamba');
    expect(text).toContain('Detalle de llamadas');
    expect(text).toContain('Cliente: Hotel Los Andes SRL');
    expect(text).toContain('Línea 70 70,00');
    expect(text).toContain('Total 2485,00');
    expect(text).toContain('página 1 de 2');
    expect(text).toContain('página 2 de 2');
  });

  test('the logo is drawn when it is an image pdfkit reads, and left out (not fatal) when it is not', async () => {
    const spec = (logo: Buffer) => ({
      title: 'Carta',
      letterhead: { name: 'Coop', logo },
      createdAt: new Date('2026-12-01T12:00:00Z'),
      sections: [{ paragraphs: ['Hola'] }],
      footer: 'Coop',
    });
    const withLogo = await renderPdf(spec(tinyPng()));
    expect(withLogo.toString('latin1')).toContain('/Subtype /Image');
    const broken = await renderPdf(spec(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40)])));
    expect(broken.toString('latin1')).not.toContain('/Subtype /Image');
    expect(textOf(broken).text).toContain('Coop');
  });
});
