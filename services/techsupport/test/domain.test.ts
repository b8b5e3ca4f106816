import { DomainError } from '@vinculo/common';
import { decideReinstallation, decideWorkOrder, installationFor, type EarlierInstallation } from '../src/domain/work-order';

test('a work order starts CREATED with tidy address and optional notes', () => {
  expect(decideWorkOrder({ type: 'REPAIR', address: ' Calle  Junín 99 ', notes: '  ' })).toEqual({
    type: 'REPAIR',
    address: 'Calle Junín 99',
    notes: null,
    status: 'CREATED',
  });
});

test('a placed sales order becomes an INSTALLATION at its address, linked to the order', () => {
  expect(installationFor({ orderId: 'so_1', planCode: 'FIBER-100', installationAddress: 'Av. Ballivián 123' })).toEqual({
    type: 'INSTALLATION',
    address: 'Av. Ballivián 123',
    notes: 'Install plan FIBER-100',
    status: 'CREATED',
    salesOrderId: 'so_1',
  });
});

test('a new INSTALLATION linked to a sales order whose installation failed: earlier ones closed, same customer; a port again unless one was consumed', () => {
  const w = (_id: string, status: EarlierInstallation['status'], nodeId: string | null, hour: number, customerId = 'c-1'): EarlierInstallation => ({
    _id,
    customerId,
    status,
    nodeId,
    createdAt: new Date(Date.UTC(2026, 10, 24, hour)),
  });
  const kind = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return (err as DomainError).kind;
    }
    return 'none';
  };
  expect(decideReinstallation('so-1', 'c-1', 'INSTALLATION', [w('wo-1', 'CLOSED_UNRESOLVED', 'nap-1', 8)])).toEqual({ nodeId: 'nap-1' });
  expect(decideReinstallation('so-1', 'c-1', 'INSTALLATION', [w('wo-1', 'CLOSED_UNRESOLVED', 'nap-1', 8), w('wo-2', 'CLOSED_UNFOUNDED', 'nap-2', 9)])).toEqual({
    nodeId: 'nap-2',
  });
  // The service was installed (its port consumed) but the completion call found it not working: no second port.
  expect(decideReinstallation('so-1', 'c-1', 'INSTALLATION', [w('wo-1', 'CLOSED_RESOLVED', 'nap-1', 8)])).toEqual({ nodeId: null });
  expect(kind(() => decideReinstallation('so-1', 'c-1', 'REPAIR', [w('wo-1', 'CLOSED_UNRESOLVED', 'nap-1', 8)]))).toBe('invalid_input');
  expect(kind(() => decideReinstallation('so-1', 'c-1', 'INSTALLATION', []))).toBe('not_found');
  expect(kind(() => decideReinstallation('so-1', 'c-2', 'INSTALLATION', [w('wo-1', 'CLOSED_UNRESOLVED', 'nap-1', 8)]))).toBe('invalid_input');
  expect(kind(() => decideReinstallation('so-1', 'c-1', 'INSTALLATION', [w('wo-1', 'ASSIGNED', 'nap-1', 8)]))).toBe('illegal_transition');
});

test.each([
  [{ type: 'REPAIR' as const, address: 'x' }, 'address'],
  [{ type: 'REPAIR' as const, address: 'Calle Junín 99', notes: 'n'.repeat(2001) }, 'notes'],
])('invalid %j → invalid_input on %s', (input, field) => {
  try {
    decideWorkOrder(input);
    throw new Error('expected failure');
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).details.field).toBe(field);
  }
});
