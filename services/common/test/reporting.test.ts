import ExcelJS from 'exceljs';
import { changeFilter, collectRows, ExportError, flatten, monthsBetween, rowsOfRoot, toCsv, toXlsx, type OperationAnswer, type Row } from '../src';
import { domainErrorOf } from '../testing';

const principal = { tenantId: 't1' };

describe('reporting extraction window (kit: reporting/changes)', () => {
  test('the tenant always; the updatedAt range only when given; a reversed window is bad input', () => {
    expect(changeFilter(principal, {})).toEqual({ tenantId: 't1', updatedAt: { $ne: null } });
    expect(changeFilter(principal, { updatedSince: '2026-12-01T00:00:00Z' })).toEqual({
      tenantId: 't1',
      updatedAt: { $gte: new Date('2026-12-01T00:00:00Z') },
    });
    expect(changeFilter(principal, { updatedSince: '2026-12-01T00:00:00Z', updatedBefore: new Date('2026-12-02T00:00:00Z') }, { status: 'OPEN' })).toEqual({
      tenantId: 't1',
      status: 'OPEN',
      updatedAt: { $gte: new Date('2026-12-01T00:00:00Z'), $lt: new Date('2026-12-02T00:00:00Z') },
    });
    expect(domainErrorOf(() => changeFilter(principal, { updatedSince: '2026-12-02T00:00:00Z', updatedBefore: '2026-12-01T00:00:00Z' })).kind).toBe(
      'invalid_input',
    );
    expect(domainErrorOf(() => changeFilter(principal, { updatedSince: 'yesterday' })).kind).toBe('invalid_input');
  });
});

describe('indicator series (kit: reporting/series)', () => {
  test('months inclusive across a year end; reversed, malformed or too long is bad input', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(domainErrorOf(() => monthsBetween('2026-05', '2026-04')).kind).toBe('invalid_input');
    expect(domainErrorOf(() => monthsBetween('2026-5', '2026-06')).kind).toBe('invalid_input');
    expect(domainErrorOf(() => monthsBetween('2020-01', '2026-01')).kind).toBe('invalid_input');
  });
});

describe('exports (kit: reporting/export)', () => {
  test('a node becomes one row: nested objects as dotted columns, lists joined', () => {
    expect(flatten({ id: 'i1', total: { amount: '10.00', currency: 'BOB' }, tags: ['a', 'b'], missing: null, __typename: 'Invoice' })).toEqual({
      id: 'i1',
      'total.amount': '10.00',
      'total.currency': 'BOB',
      tags: 'a; b',
      missing: null,
    });
  });
  test('rows of a connection (with its next cursor), a list, a series inside an object, or one object', () => {
    expect(rowsOfRoot({ edges: [{ cursor: 'c1', node: { id: 'a' } }], pageInfo: { hasNextPage: true, endCursor: 'c1' } })).toEqual({
      rows: [{ id: 'a' }],
      next: 'c1',
    });
    expect(rowsOfRoot([{ period: '2026-01' }, { period: '2026-02' }]).rows).toHaveLength(2);
    expect(rowsOfRoot({ month: '2026-01', byTeam: [{ key: 'N' }, { key: 'S' }] }).rows).toEqual([{ key: 'N' }, { key: 'S' }]);
    expect(rowsOfRoot({ total: 3 }).rows).toEqual([{ total: 3 }]);
  });
  test('collectRows follows the cursor while the query takes $after, and stops at the last page', async () => {
    const pages: Record<string, OperationAnswer> = {
      start: { data: { xs: { edges: [{ cursor: 'c1', node: { id: '1' } }], pageInfo: { hasNextPage: true, endCursor: 'c1' } } } },
      c1: { data: { xs: { edges: [{ cursor: 'c2', node: { id: '2' } }], pageInfo: { hasNextPage: false, endCursor: 'c2' } } } },
    };
    const seen: unknown[] = [];
    const run = async (_q: string, v: Record<string, unknown>) => {
      seen.push(v.after ?? null);
      return pages[(v.after as string) ?? 'start']!;
    };
    expect(await collectRows(run, 'query($after: String) { xs(after: $after) { edges { node { id } } } }', { first: 1 }, 100)).toEqual([
      { id: '1' },
      { id: '2' },
    ]);
    expect(seen).toEqual([null, 'c1']);
    // Without $after the query cannot page: one page only.
    expect(await collectRows(run, '{ xs { edges { node { id } } } }', {}, 100)).toEqual([{ id: '1' }]);
    await expect(collectRows(async () => ({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }), '{ xs }', {}, 10)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(collectRows(run, 'query($after: String) { xs }', {}, 1)).rejects.toBeInstanceOf(ExportError);
  });
  test('CSV quotes what needs quoting; XLSX reads back with the same rows', async () => {
    const rows: Row[] = [
      { id: 'a', note: 'uno, "dos"', n: 1 },
      { id: 'b', note: null, n: 2, extra: true },
    ];
    expect(toCsv(rows).toString('utf8')).toBe('id,note,n,extra\r\na,"uno, ""dos""",1,\r\nb,,2,true\r\n');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(rows, 'x')) as never);
    const sheet = book.getWorksheet('x')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['id', 'note', 'n', 'extra']);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['a', 'uno, "dos"', 1]);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 5)).toEqual(['b', undefined, 2, true]);
  });
});
