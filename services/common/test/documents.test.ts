import { checkUpload, DEFAULT_MAX_BYTES, FileTooLarge, sizeLimits } from '../src/documents/kinds';
import { declaredFileType, sniffFileType } from '../src/documents/sniff';
import { fileIdFor, newFileId, ownerOfFileId } from '../src/documents/ids';
import { formatDate, formatDateTime, formatMoney, formatMonth, localeOf } from '../src/documents/format';
import { contentDisposition } from '../src/documents/http';
import type { DomainError } from '../src/errors/codes';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
// A zip's first local header naming the parts an XLSX has.
const zipWith = (...names: string[]) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), ...names.map((n) => Buffer.from(n))]);
const xlsx = zipWith('[Content_Types].xml', 'xl/workbook.xml');
const csv = Buffer.from('\ufeffcodigo;nombre;lat;lon\nN-1;Nodo Centro;-17.39;-66.15\n', 'utf8');

describe('documents: the content sniffer', () => {
  test('each of the five types is told by its bytes', () => {
    expect([pdf, jpeg, png, xlsx, csv].map(sniffFileType)).toEqual(['PDF', 'JPEG', 'PNG', 'XLSX', 'CSV']);
  });

  test('a zip that is not a spreadsheet, binary, an executable, HTML-free text without separators are none of them', () => {
    expect(sniffFileType(zipWith('word/document.xml', '[Content_Types].xml'))).toBeUndefined();
    expect(sniffFileType(zipWith('foto.jpg'))).toBeUndefined();
    expect(sniffFileType(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).toBeUndefined(); // MZ: a Windows executable
    expect(sniffFileType(Buffer.from('#!/bin/sh\x00rm -rf /'))).toBeUndefined(); // a NUL byte: not text
    expect(sniffFileType(Buffer.from('solo una linea sin separador'))).toBeUndefined();
    expect(sniffFileType(Buffer.from([0xc3, 0x28, 0x2c, 0x61]))).toBeUndefined(); // invalid UTF-8
    expect(sniffFileType(Buffer.from(`a,${'x'.repeat(20_000)}\n`))).toBeUndefined(); // no sane line
    expect(sniffFileType(Buffer.alloc(0))).toBeUndefined();
  });

  test('a declared content type names a file type (parameters ignored); unknown types name none', () => {
    expect(declaredFileType('application/pdf')).toBe('PDF');
    expect(declaredFileType('text/csv; charset=utf-8')).toBe('CSV');
    expect(declaredFileType('IMAGE/PNG')).toBe('PNG');
    expect(declaredFileType('application/x-msdownload')).toBeUndefined();
    expect(declaredFileType(undefined)).toBeUndefined();
  });
});

describe('documents: upload checks', () => {
  const limits = { ...DEFAULT_MAX_BYTES, REQUIREMENT: 64 };
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return err as DomainError;
    }
    throw new Error('expected a refusal');
  };

  test('a file of an allowed type, declared as what it is, passes with its sniffed content type', () => {
    expect(checkUpload('REQUIREMENT', pdf, 'application/pdf', limits)).toBe('application/pdf');
    expect(checkUpload('NETWORK_IMPORT', csv, 'text/csv', limits)).toBe('text/csv');
    expect(checkUpload('NETWORK_IMPORT', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', limits)).toMatch(/spreadsheetml/);
  });

  test('empty, oversized, a type the kind does not allow, a file claiming another type → BAD_USER_INPUT with the reason', () => {
    expect(refusal(() => checkUpload('REQUIREMENT', Buffer.alloc(0), 'application/pdf', limits)).message).toBe('the file is empty');
    const big = refusal(() => checkUpload('REQUIREMENT', Buffer.concat([pdf, Buffer.alloc(64)]), 'application/pdf', limits));
    expect(big).toBeInstanceOf(FileTooLarge);
    expect(big.message).toBe('a REQUIREMENT file may have at most 64 bytes');
    expect(refusal(() => checkUpload('REQUIREMENT', csv, 'text/csv', limits)).message).toBe('a REQUIREMENT file must be PDF, JPEG, PNG; this one is CSV');
    expect(refusal(() => checkUpload('LOGO', pdf, 'application/pdf', limits)).message).toBe('a LOGO file must be PNG, JPEG; this one is PDF');
    const lying = refusal(() => checkUpload('REQUIREMENT', pdf, 'image/jpeg', limits));
    expect([lying.kind, lying.message]).toEqual(['invalid_input', 'the file says it is image/jpeg but its content is application/pdf']);
    expect(refusal(() => checkUpload('REQUIREMENT', png, undefined, limits)).message).toBe('the file says it is nothing but its content is image/png');
  });

  test('size limits per kind from ATTACHMENT_MAX_BYTES_<KIND>; a bad value stops the process', () => {
    expect(sizeLimits({ ATTACHMENT_MAX_BYTES_LOGO: '2048' })).toMatchObject({ LOGO: 2048, REQUIREMENT: DEFAULT_MAX_BYTES.REQUIREMENT });
    expect(() => sizeLimits({ ATTACHMENT_MAX_BYTES_REQUIREMENT: '-1' })).toThrow(/positive integer/);
  });
});

describe('documents: ids name their owner', () => {
  test('new and keyed ids route to their subgraph; anything else routes nowhere', () => {
    expect(ownerOfFileId(newFileId('att', 'customers'))).toEqual({ prefix: 'att', owner: 'customers' });
    const keyed = fileIdFor('doc', 'collections', 't|PROFORMA_INVOICE|Invoice|inv-1|1');
    expect(keyed).toBe(fileIdFor('doc', 'collections', 't|PROFORMA_INVOICE|Invoice|inv-1|1'));
    expect(ownerOfFileId(keyed)).toEqual({ prefix: 'doc', owner: 'collections' });
    expect(ownerOfFileId('att_xyz_0123456789abcdef0123456789abcdef')).toBeUndefined();
    expect(ownerOfFileId('../../etc/passwd')).toBeUndefined();
  });

  test('download names: an ASCII fallback and the UTF-8 name, never a quote or a path escaping the header', () => {
    expect(contentDisposition('Carnet Núñez "copia".pdf')).toBe(
      `attachment; filename="Carnet Nunez _copia_.pdf"; filename*=UTF-8''Carnet%20N%C3%BA%C3%B1ez%20%22copia%22.pdf`,
    );
  });
});

describe('documents: money and dates as the tenant writes them', () => {
  test('locale from the country, else from the currency, else generic Spanish', () => {
    expect([localeOf('CO', 'BOB'), localeOf(null, 'BOB'), localeOf(null, 'MXN'), localeOf(null, 'EUR'), localeOf(undefined)]).toEqual([
      'es-CO',
      'es-BO',
      'es-MX',
      'es',
      'es',
    ]);
  });

  test('amounts to the cent, never moved by binary rounding, in each seed currency', () => {
    const n = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(n(formatMoney('1345.67', 'BOB', 'es-BO'))).toBe('Bs 1.345,67');
    expect(n(formatMoney('0.1', 'BOB', 'es-BO'))).toBe('Bs 0,10');
    expect(n(formatMoney('-45', 'BOB', 'es-BO'))).toBe('-Bs 45,00');
    expect(n(formatMoney('90071992547409.99', 'BOB', 'es-BO'))).toBe('Bs 90.071.992.547.409,99');
    expect(n(formatMoney('345.67', 'COP', 'es-CO'))).toBe('$ 345,67');
    expect(n(formatMoney('1234.5', 'MXN', 'es-MX'))).toBe('$1,234.50');
    expect(() => formatMoney('12.345', 'BOB', 'es-BO')).toThrow(/not a decimal amount/);
  });

  test('a calendar day stays that day; an instant is read in the tenant time zone', () => {
    expect(formatDate('2026-02-10', 'es-BO', 'America/La_Paz')).toBe('10/02/2026');
    // 02:30 UTC on 1 March is still 28 February in La Paz (UTC−4).
    expect(formatDate(new Date('2026-03-01T02:30:00Z'), 'es-BO', 'America/La_Paz')).toBe('28/02/2026');
    expect(formatDateTime(new Date('2026-03-01T02:30:00Z'), 'es-BO', 'America/La_Paz')).toBe('28/02/2026, 22:30');
    expect(formatMonth('2026-01', 'es-BO')).toBe('enero de 2026');
  });
});
