import { DomainError } from '@vinculo/common';
import { decideWorkOrder, installationFor } from '../src/domain/work-order';

test('a work order starts CREATED with tidy address and optional notes', () => {
  expect(decideWorkOrder({ type: 'REPAIR', address: ' Calle  Junín 99 ', notes: '  ' })).toEqual({
    type: 'REPAIR', address: 'Calle Junín 99', notes: null, status: 'CREATED',
  });
});

test('a placed sales order becomes an INSTALLATION at its address, linked to the order', () => {
  expect(installationFor({ orderId: 'so_1', planCode: 'FIBER-100', installationAddress: 'Av. Ballivián 123' })).toEqual({
    type: 'INSTALLATION', address: 'Av. Ballivián 123', notes: 'Install plan FIBER-100', status: 'CREATED', salesOrderId: 'so_1',
  });
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
