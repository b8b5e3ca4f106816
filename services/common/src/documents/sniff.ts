/**
 * What a file is, read from its first bytes, never from what the client says: the content type a
 * stored file is kept and served with is the sniffed one. Only the five types the seeds use.
 */
export const CONTENT_TYPES = {
  PDF: 'application/pdf',
  JPEG: 'image/jpeg',
  PNG: 'image/png',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CSV: 'text/csv',
} as const;
export type FileType = keyof typeof CONTENT_TYPES;
export type SniffedContentType = (typeof CONTENT_TYPES)[FileType];

const startsWith = (buf: Uint8Array, bytes: number[]) => buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);

/** How far into a zip archive the XLSX marker is looked for (its first entries' names). */
const ZIP_SCAN_BYTES = 64 * 1024;

/**
 * An XLSX is a zip (local file header `PK\x03\x04`) whose entries include `[Content_Types].xml` and a
 * `xl/` part; a zip without them (a .docx, a plain archive) is not a spreadsheet.
 */
function isXlsx(buf: Buffer): boolean {
  if (!startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return false;
  const head = buf.subarray(0, ZIP_SCAN_BYTES).toString('latin1');
  return head.includes('[Content_Types].xml') && head.includes('xl/');
}

/** How much of a text file is read to decide it is CSV. */
const CSV_SCAN_BYTES = 64 * 1024;
const MAX_CSV_LINE = 10_000;

/**
 * CSV: valid UTF-8 text (a BOM allowed), no NUL or other control bytes but tab/CR/LF, lines of sane
 * length, and at least one separator (comma, semicolon or tab) on the first line.
 */
function isCsv(buf: Buffer): boolean {
  let sample = buf.subarray(0, CSV_SCAN_BYTES);
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) sample = sample.subarray(3);
  if (!sample.length) return false;
  for (const byte of sample) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
    if (byte === 0x7f) return false;
  }
  // A cut in the middle of a multi-byte character at the sample's end is fine; elsewhere it is not UTF-8.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  const body = buf.length > CSV_SCAN_BYTES ? text.slice(0, -4) : text;
  if (body.includes('\uFFFD')) return false;
  const lines = body.split(/\r?\n/);
  if (lines.some((l) => l.length > MAX_CSV_LINE)) return false;
  return /[,;\t]/.test(lines[0] ?? '');
}

/** The file's type from its bytes, or undefined when it is none of the five. */
export function sniffFileType(buf: Buffer): FileType | undefined {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'PDF'; // %PDF-
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  if (isXlsx(buf)) return 'XLSX';
  if (isCsv(buf)) return 'CSV';
  return undefined;
}

/** The file type a declared content type names (parameters such as `; charset=` ignored), if any. */
export function declaredFileType(contentType: string | undefined): FileType | undefined {
  const bare = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!bare) return undefined;
  if (bare === 'application/vnd.ms-excel' || bare === 'application/csv') return 'CSV';
  return (Object.keys(CONTENT_TYPES) as FileType[]).find((t) => CONTENT_TYPES[t] === bare);
}
