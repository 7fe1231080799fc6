import PDFDocument from 'pdfkit';
import type { DigestView, Table } from './digest.view';

/**
 * The digest as a PDF (PDFKit, its built-in Helvetica: no font files, no browser). Tables are laid out row by
 * row, a row never split across pages, the header repeated on each page a table continues on.
 */

const MARGIN = 48;
const BODY = 9;
const GREY = '#57606a';
const RULE = '#d0d7de';

/** The standard fonts encode WinAnsi only; anything else would print as garbage, so it becomes a close ASCII. */
function printable(value: string): string {
  return value
    .replace(/[→⇒]/g, '->')
    .replace(/≤/g, '<=')
    .replace(/≥/g, '>=')
    .replace(/[^\x20-\x7e\xa0-\xff–—‘’“”•…€]/g, '?');
}

/** Column widths from what the columns hold: long text gets room, short codes stay narrow. */
function widths(table: Table, total: number): number[] {
  const weight = table.columns.map((column, i) => {
    const cells = table.rows.map((r) => r[i] ?? '');
    const average = cells.length ? cells.reduce((a, c) => a + c.length, 0) / cells.length : 0;
    // Room for the longest word (a date, a key), so short columns do not break inside one.
    const word = Math.min(16, Math.max(0, ...[column, ...cells].flatMap((c) => c.split(/\s+/)).map((w) => w.length)));
    return Math.min(60, Math.max(column.length + 1, average, word + 1, 6));
  });
  const sum = weight.reduce((a, b) => a + b, 0);
  return weight.map((w) => (w / sum) * total);
}

export function renderPdf(view: DigestView): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: printable(`${view.title}: ${view.period}`), Author: 'PMO Graph', Subject: 'Leadership digest' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  doc.font('Helvetica-Bold').fontSize(20).fillColor('black').text(printable(view.title));
  doc.font('Helvetica').fontSize(11).fillColor(GREY).text(printable(`${view.period} · as of ${view.asOf}`));
  doc.moveDown(0.6);
  for (const warning of view.warnings) doc.font('Helvetica-Bold').fontSize(BODY).fillColor('#9a6700').text(printable(`Incomplete: ${warning}`));

  // Headline figures in a grid of boxes, three to a row.
  const perRow = 3;
  const boxWidth = width / perRow;
  const boxHeight = 38;
  view.headline.forEach((h, i) => {
    if (i % perRow === 0) ensure(boxHeight + 4);
    const x = MARGIN + (i % perRow) * boxWidth;
    const y = doc.y;
    doc.rect(x + 2, y, boxWidth - 4, boxHeight).strokeColor(RULE).stroke();
    doc.font('Helvetica-Bold').fontSize(15).fillColor('black').text(printable(h.value), x + 8, y + 5, { width: boxWidth - 16, lineBreak: false });
    doc.font('Helvetica').fontSize(8).fillColor(GREY).text(printable(h.label), x + 8, y + 24, { width: boxWidth - 16, lineBreak: false });
    doc.x = MARGIN;
    doc.y = i % perRow === perRow - 1 || i === view.headline.length - 1 ? y + boxHeight + 6 : y;
  });

  for (const section of view.sections) {
    doc.moveDown(0.8);
    ensure(40);
    doc.font('Helvetica-Bold').fontSize(13).fillColor('black').text(printable(section.title), MARGIN, doc.y, { width });
    doc.font('Helvetica').fontSize(BODY).fillColor(GREY).text(printable(section.lead), { width });
    doc.moveDown(0.3);
    if (section.table && section.table.rows.length) drawTable(doc, section.table, width, bottom);
  }
  doc.end();
  return done;
}

function drawTable(doc: PDFKit.PDFDocument, table: Table, width: number, bottom: () => number): void {
  const pad = 3;
  const columns = widths(table, width);
  // No column narrower than its longest word (up to 16 characters) in bold: the room comes from the widest column.
  doc.font('Helvetica-Bold').fontSize(BODY);
  const least = table.columns.map((c, i) =>
    Math.max(...[c, ...table.rows.map((r) => r[i] ?? '')].flatMap((v) => v.split(/\s+/)).map((w) => doc.widthOfString(printable(w.slice(0, 16))))) + 2 * pad + 1,
  );
  least.forEach((min, i) => {
    const short = min - columns[i];
    if (short <= 0) return;
    const widest = columns.indexOf(Math.max(...columns));
    if (widest === i || columns[widest] - short < least[widest]) return;
    columns[i] += short;
    columns[widest] -= short;
  });
  const heightOf = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY);
    return Math.max(...cells.map((c, i) => doc.heightOfString(printable(c), { width: columns[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], bold: boolean) => {
    const height = heightOf(cells, bold);
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY).fillColor('black');
    cells.forEach((c, i) => {
      doc.text(printable(c), x + pad, y + pad, { width: columns[i] - 2 * pad });
      x += columns[i];
    });
    doc.moveTo(MARGIN, y + height).lineTo(MARGIN + width, y + height).strokeColor(RULE).lineWidth(0.5).stroke();
    doc.x = MARGIN;
    doc.y = y + height;
  };
  const header = () => drawRow(table.columns, true);
  if (doc.y + heightOf(table.columns, true) + heightOf(table.rows[0], false) > bottom()) doc.addPage();
  header();
  for (const row of table.rows) {
    if (doc.y + heightOf(row, false) > bottom()) {
      doc.addPage();
      header();
    }
    drawRow(row, false);
  }
}
