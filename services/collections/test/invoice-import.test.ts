import { DomainError } from '@vinculo/common';
import { decideImportedInvoice, importedInvoiceIdFor, type ImportedInvoiceInput } from '../src/domain/invoice-import';

const input = (over: Partial<ImportedInvoiceInput> = {}): ImportedInvoiceInput => ({
  externalId: 'ERP-2026-0001',
  period: '2026-03',
  dueDate: '2026-04-15',
  total: '230.55',
  lines: [
    { kind: 'PLAN_FEE', description: 'Plan INET-50', amount: '150.50' },
    { kind: 'EXCESS_CABLE', description: 'Excess cable 12 m', amount: '80.05', installedProductId: 'ip-1' },
  ],
  ...over,
});
const kind = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? `${err.kind}:${String(err.details.field ?? '')}` : 'other';
  }
  return 'none';
};

describe('imported invoices (billing:write partner)', () => {
  it('are checked to the cent: the lines add up exactly to the total', () => {
    const d = decideImportedInvoice(input(), 'bac_1', 'BOB');
    expect(d.totalMinor).toBe(23055);
    expect(d.lines.map((l) => l.amountMinor)).toEqual([15050, 8005]);
    expect(kind(() => decideImportedInvoice(input({ total: '230.54' }), 'bac_1', 'BOB'))).toBe('invalid_input:total');
    expect(kind(() => decideImportedInvoice(input({ total: '230.56' }), 'bac_1', 'BOB'))).toBe('invalid_input:total');
  });

  it('refuse sub-cent amounts, negative lines, no lines, a bad period or due date', () => {
    expect(kind(() => decideImportedInvoice(input({ total: '230.555' }), 'bac_1', 'BOB'))).toBe('invalid_input:amount');
    expect(kind(() => decideImportedInvoice(input({ lines: [{ kind: 'FEE', description: 'x', amount: '-1.00' }], total: '1.00' }), 'bac_1', 'BOB'))).toBe(
      'invalid_input:lines',
    );
    expect(kind(() => decideImportedInvoice(input({ lines: [] }), 'bac_1', 'BOB'))).toBe('invalid_input:lines');
    expect(kind(() => decideImportedInvoice(input({ period: '2026-13' }), 'bac_1', 'BOB'))).toBe('invalid_input:period');
    expect(kind(() => decideImportedInvoice(input({ dueDate: '15/04/2026' }), 'bac_1', 'BOB'))).toBe('invalid_input:dueDate');
    expect(kind(() => decideImportedInvoice(input({ externalId: '  ' }), 'bac_1', 'BOB'))).toBe('invalid_input:externalId');
    expect(kind(() => decideImportedInvoice(input({ total: '0', lines: [{ kind: 'FEE', description: 'free', amount: '0' }] }), 'bac_1', 'BOB'))).toBe(
      'invalid_input:total',
    );
  });

  it('same content hashes the same, any change of content does not; the id depends on tenant and external id only', () => {
    const a = decideImportedInvoice(input(), 'bac_1', 'BOB');
    expect(decideImportedInvoice(input({ externalId: ' ERP-2026-0001 ' }), 'bac_1', 'BOB').contentHash).toBe(a.contentHash);
    expect(decideImportedInvoice(input({ dueDate: '2026-04-16' }), 'bac_1', 'BOB').contentHash).not.toBe(a.contentHash);
    expect(decideImportedInvoice(input(), 'bac_2', 'BOB').contentHash).not.toBe(a.contentHash);
    const moved = input({
      lines: [
        { kind: 'PLAN_FEE', description: 'Plan INET-50', amount: '150.00' },
        { kind: 'EXCESS_CABLE', description: 'Excess cable 12 m', amount: '80.55' },
      ],
    });
    expect(decideImportedInvoice(moved, 'bac_1', 'BOB').contentHash).not.toBe(a.contentHash);
    expect(importedInvoiceIdFor('t1', 'ERP-1')).toBe(importedInvoiceIdFor('t1', 'ERP-1'));
    expect(importedInvoiceIdFor('t1', 'ERP-1')).not.toBe(importedInvoiceIdFor('t2', 'ERP-1'));
  });
});
