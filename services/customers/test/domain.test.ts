import { DomainError } from '@vinculo/common';
import { decideAssignment, decideRegistration, validExecutiveId } from '../src/domain/customer';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return { kind: err.kind, field: err.details.field };
    throw err;
  }
  throw new Error('expected a DomainError');
};

describe('customer registration', () => {
  test('a BUSINESS with a NIT starts as PROSPECT, name tidied, keyed by its NIT', () => {
    expect(decideRegistration({ kind: 'BUSINESS', name: '  Hotel   Palace SRL ', taxId: ' 1023456025 ' })).toEqual({
      kind: 'BUSINESS',
      name: 'Hotel Palace SRL',
      taxId: '1023456025',
      identityCard: null,
      documentKey: 'NIT:1023456025',
      status: 'PROSPECT',
      tradeName: null,
      activityType: null,
      segment: null,
      market: null,
      category: null,
    });
  });

  test('a PERSON with an identity card (complement upper-cased)', () => {
    expect(decideRegistration({ kind: 'PERSON', name: 'Ana Rojas', identityCard: '6543210-1a' })).toMatchObject({
      identityCard: '6543210-1A',
      documentKey: 'CI:6543210-1A',
      taxId: null,
    });
  });

  test.each([
    [{ kind: 'BUSINESS' as const, name: ' ', taxId: '1234567' }, 'name'],
    [{ kind: 'BUSINESS' as const, name: 'X'.repeat(201), taxId: '1234567' }, 'name'],
    [{ kind: 'BUSINESS' as const, name: 'Sin NIT SRL' }, 'taxId'],
    [{ kind: 'BUSINESS' as const, name: 'Mal NIT SRL', taxId: '12ab' }, 'taxId'],
    [{ kind: 'BUSINESS' as const, name: 'Doble SRL', taxId: '1234567', identityCard: '1234567' }, 'identityCard'],
    [{ kind: 'PERSON' as const, name: 'Sin CI' }, 'identityCard'],
    [{ kind: 'PERSON' as const, name: 'Mal CI', identityCard: 'abc' }, 'identityCard'],
    [{ kind: 'PERSON' as const, name: 'Con NIT', identityCard: '1234567', taxId: '1234567' }, 'taxId'],
  ])('invalid %j → invalid_input on %s', (input, field) => {
    expect(failure(() => decideRegistration(input))).toEqual({ kind: 'invalid_input', field });
  });
});

describe('registration in the tenant country', () => {
  test('the profile comes along: trade name, activity type, segment code upper-cased, market and category', () => {
    expect(
      decideRegistration(
        {
          kind: 'BUSINESS',
          name: 'Gran Plaza SAS',
          taxId: '900.123.456-8',
          tradeName: ' Gran Plaza ',
          activityType: 'Centro comercial',
          segment: 'grandes-clientes',
          market: 'NON_REGULATED',
          category: 'LARGE_PRODUCER',
        },
        'CO',
      ),
    ).toMatchObject({
      taxId: '900123456-8',
      documentKey: 'NIT:900123456-8',
      tradeName: 'Gran Plaza',
      activityType: 'Centro comercial',
      segment: 'GRANDES-CLIENTES',
      market: 'NON_REGULATED',
      category: 'LARGE_PRODUCER',
    });
  });
  test('a Colombian NIT with a wrong check digit is refused on taxId', () => {
    expect(failure(() => decideRegistration({ kind: 'BUSINESS', name: 'Mal DV SAS', taxId: '900123456-7' }, 'CO'))).toEqual({
      kind: 'invalid_input',
      field: 'taxId',
    });
  });
  test('a Bolivian CI keyed without its department: 6543210 LP and 6543210 CB are the same person', () => {
    const lp = decideRegistration({ kind: 'PERSON', name: 'Ana Rojas', identityCard: '6543210 lp' }, 'BO');
    expect(lp).toMatchObject({ identityCard: '6543210 LP', documentKey: 'CI:6543210' });
    expect(decideRegistration({ kind: 'PERSON', name: 'Ana Rojas', identityCard: '6543210 CB' }, 'BO').documentKey).toBe(lp.documentKey);
  });
  test('a segment with spaces is refused', () => {
    expect(failure(() => decideRegistration({ kind: 'PERSON', name: 'Ana Rojas', identityCard: '6543210', segment: 'gran cliente' }))).toEqual({
      kind: 'invalid_input',
      field: 'segment',
    });
  });
});

describe('portfolio assignment', () => {
  test('records the previous executive', () => {
    expect(decideAssignment(null, 'emp-1')).toEqual({ previousExecutiveId: null });
    expect(decideAssignment('emp-1', 'emp-2')).toEqual({ previousExecutiveId: 'emp-1' });
  });
  test('assigning to the current executive is a duplicate (CONFLICT)', () => {
    expect(failure(() => decideAssignment('emp-1', 'emp-1')).kind).toBe('already_exists');
  });
  test('executive ids must be url-safe ids', () => {
    expect(validExecutiveId('emp-1')).toBe('emp-1');
    expect(failure(() => validExecutiveId('emp 1; drop')).field).toBe('executiveId');
  });
});
