import { DomainError } from '@vinculo/common';
import { decideOrder } from '../src/domain/sales-order';

test('an order is normalised and starts PLACED', () => {
  expect(decideOrder({ planCode: ' fiber-100 ', installationAddress: ' Av.  Ballivián 123 ' })).toEqual({
    planCode: 'FIBER-100',
    installationAddress: 'Av. Ballivián 123',
    status: 'PLACED',
  });
});

test.each([
  [{ planCode: 'x', installationAddress: 'Av. Ballivián 123' }, 'planCode'],
  [{ planCode: 'FIBER 100', installationAddress: 'Av. Ballivián 123' }, 'planCode'],
  [{ planCode: 'FIBER-100', installationAddress: 'Av.' }, 'installationAddress'],
])('invalid order %j → invalid_input on %s', (input, field) => {
  expect(() => decideOrder(input)).toThrow(DomainError);
  try {
    decideOrder(input);
  } catch (err) {
    expect((err as DomainError).details.field).toBe(field);
  }
});
