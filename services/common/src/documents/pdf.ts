import PDFDocument from 'pdfkit';

/** The tenant's letterhead on every generated page: name, tax id, address, logo (PNG/JPEG bytes). */
export interface Letterhead {
  name: string;
  taxId?: string | null;
  address?: string | null;
  logo?: Buffer | null;
}

export interface TableBlock {
  columns: string[];
  /** Relative widths of the columns (default equal). */
  widths?: number[];
  /** Columns aligned right (amounts). */
  right?: number[];
  rows: string[][];
  /** A last, bold row (totals). */
  total?: string[];
}

/** One part of a document: a heading, label–value pairs, paragraphs, a table — in that order. */
export interface Section {
  heading?: string;
  fields?: Array<[string, string]>;
  paragraphs?: string[];
  table?: TableBlock;
}

/** A generated document, described as data: the renderer only lays it out. */
export interface DocumentSpec {
  title: string;
  /** Under the title: the document's number and date, e.g. "N.º BA-…-202601 · 10/02/2026". */
  subtitle?: string;
  letterhead: Letterhead;
  sections: Section[];
  /** Footer of every page (e.g. "Documento generado el … a partir de la versión 3"). */
  footer: string;
  /** Written as the PDF's creation date (the moment of the entity version it came from). */
  createdAt: Date;
}

const MARGIN = 50;

/** Lay a document out as an A4 PDF (Helvetica: its WinAnsi encoding covers Spanish). */
export function renderPdf(spec: DocumentSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: spec.title, Author: spec.letterhead.name, Creator: 'Vínculo', CreationDate: spec.createdAt, ModDate: spec.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - MARGIN * 2;
  letterhead(doc, spec.letterhead, width);
  doc.moveDown(1.2);
  doc.font('Helvetica-Bold').fontSize(15).text(spec.title, MARGIN, doc.y, { width, align: 'center' });
  if (spec.subtitle) doc.font('Helvetica').fontSize(10).text(spec.subtitle, { width, align: 'center' });
  doc.moveDown(1);

  for (const section of spec.sections) {
    ensureSpace(doc, 60);
    if (section.heading) {
      doc.font('Helvetica-Bold').fontSize(11).text(section.heading, MARGIN, doc.y, { width });
      doc.moveDown(0.3);
    }
    for (const [label, value] of section.fields ?? []) {
      ensureSpace(doc, 16);
      doc.font('Helvetica-Bold').fontSize(10).text(`${label}: `, MARGIN, doc.y, { continued: true, width });
      doc.font('Helvetica').text(value);
    }
    for (const p of section.paragraphs ?? []) {
      doc.font('Helvetica').fontSize(10).text(p, MARGIN, doc.y, { width, align: 'justify' });
      doc.moveDown(0.4);
    }
    if (section.table) table(doc, section.table, width);
    doc.moveDown(0.8);
  }

  // Footers last, on every buffered page, with "página n de m".
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Inside the bottom margin: pdfkit would start a new page for text below it, so the margin is
    // lifted while the footer is written.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 5;
    doc.font('Helvetica').fontSize(8).fillColor('#555555');
    doc.text(`${spec.footer} · página ${i + 1} de ${range.count}`, MARGIN, y, { width, align: 'center', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function letterhead(doc: PDFKit.PDFDocument, head: Letterhead, width: number): void {
  const top = doc.y;
  let textX = MARGIN;
  if (head.logo) {
    try {
      doc.image(head.logo, MARGIN, top, { fit: [70, 50] });
      textX = MARGIN + 80;
    } catch {
      // A logo pdfkit cannot read (a corrupt image that passed the sniffer) is left out, not fatal.
    }
  }
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(head.name, textX, top, { width: width - (textX - MARGIN) });
  doc.font('Helvetica').fontSize(9);
  if (head.taxId) doc.text(`NIT/RUC: ${head.taxId}`, textX, doc.y, { width: width - (textX - MARGIN) });
  if (head.address) doc.text(head.address, textX, doc.y, { width: width - (textX - MARGIN) });
  doc.y = Math.max(doc.y, top + (head.logo ? 55 : 0));
  doc
    .moveTo(MARGIN, doc.y + 4)
    .lineTo(MARGIN + width, doc.y + 4)
    .lineWidth(0.5)
    .stroke();
  doc.y += 8;
}

function ensureSpace(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function table(doc: PDFKit.PDFDocument, t: TableBlock, width: number): void {
  const weights = t.widths ?? t.columns.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cols = weights.map((w) => (w / sum) * width);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: (cols[i] ?? 0) - 6 }))) + 4;
    ensureSpace(doc, height);
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const w = cols[i] ?? 0;
      doc.text(cell, x + 3, y + 2, { width: w - 6, align: t.right?.includes(i) ? 'right' : 'left' });
      x += w;
    });
    doc.y = y + height;
    doc
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + width, doc.y)
      .lineWidth(0.3)
      .stroke();
  };
  row(t.columns, true);
  for (const r of t.rows) row(r, false);
  if (t.total) row(t.total, true);
  doc.x = MARGIN;
}
