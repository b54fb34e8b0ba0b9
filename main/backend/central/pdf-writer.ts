/**
 * A small PDF 1.4 writer for tables of text: pages of lines in the standard Helvetica fonts, no
 * images, no compression, nothing embedded. Enough for a report printed or archived; the app's
 * own printing goes through Chromium, which the command line does not have.
 *
 * Text is encoded in WinAnsi (Latin-1 for what the four catalogs use); a character outside it is
 * printed as "?" rather than breaking the file.
 */

export interface PdfText {
  x: number;
  y: number;
  text: string;
  size?: number;
  bold?: boolean;
}

export interface PdfPage {
  texts: PdfText[];
  /** Horizontal rules: [x1, y, x2]. */
  rules?: [number, number, number][];
}

/** A4 landscape in points. */
export const PAGE = { width: 842, height: 595 };

/** Latin-1 bytes for a string, "?" for what WinAnsi cannot show, PDF string escapes applied. */
function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63;
    const c = code < 32 || (code > 126 && code < 160) || code > 255 ? '?' : ch;
    out += c === '\\' || c === '(' || c === ')' ? `\\${c}` : c;
  }
  return `(${out})`;
}

/** Width of a string in Helvetica, roughly (average glyph 0.5 em): for truncating cells. */
export function fitText(text: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / (size * 0.52)));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}.`;
}

function contentStream(page: PdfPage): string {
  const ops: string[] = [];
  for (const t of page.texts) {
    const font = t.bold ? 'F2' : 'F1';
    ops.push(
      `BT /${font} ${t.size ?? 8} Tf ${t.x.toFixed(1)} ${t.y.toFixed(1)} Td ${pdfString(t.text)} Tj ET`,
    );
  }
  for (const [x1, y, x2] of page.rules ?? []) {
    ops.push(`0.5 w ${x1.toFixed(1)} ${y.toFixed(1)} m ${x2.toFixed(1)} ${y.toFixed(1)} l S`);
  }
  return ops.join('\n');
}

/** The whole file: catalog, page tree, two fonts, each page and its content, the xref table. */
export function writePdf(pages: readonly PdfPage[], title: string): Buffer {
  const objects: string[] = [];
  // 1 catalog, 2 pages, 3 font, 4 bold font, 5 info; then a page and its content per page.
  const pageIds = pages.map((_, i) => 6 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] =
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Title ${pdfString(title)} /Producer (Beacon) >>`;
  pages.forEach((page, i) => {
    const id = pageIds[i] ?? 0;
    const stream = contentStream(page);
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] =
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objects[id] ?? 'null'}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) {
    body += `${String(offsets[id] ?? 0).padStart(10, '0')} 00000 n \n`;
  }
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
