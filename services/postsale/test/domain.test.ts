import { domainErrorOf } from '@vinculo/common/testing';
import { decideInstallation, PRODUCT_FAMILIES, type InstallationInput } from '../src/domain/installed-product';
import { isSupplementaryService } from '../src/domain/product-changes';

const valid: InstallationInput = {
  planCode: 'int-50mb',
  family: 'INTERNET',
  serviceNumber: '2-345 678',
  installationAddress: '  Av. Busch   1234,\n Miraflores  ',
};

function expectInvalid(input: InstallationInput, field: string): void {
  const err = domainErrorOf(() => decideInstallation(input));
  expect(err.kind).toBe('invalid_input');
  expect(err.details.field).toBe(field);
}

describe('decideInstallation', () => {
  it('normalises a valid installation, which starts ACTIVE', () => {
    expect(decideInstallation(valid)).toEqual({
      planCode: 'INT-50MB',
      family: 'INTERNET',
      serviceNumber: '2345678',
      installationAddress: 'Av. Busch 1234, Miraflores',
      status: 'ACTIVE',
    });
  });

  it('accepts every product family', () => {
    for (const family of PRODUCT_FAMILIES) expect(decideInstallation({ ...valid, family }).family).toBe(family);
  });

  it('drops separators from the service number and upper-cases service codes', () => {
    expect(decideInstallation({ ...valid, serviceNumber: '(2) 234.5678' }).serviceNumber).toBe('22345678');
    expect(decideInstallation({ ...valid, serviceNumber: 'adsl-00991' }).serviceNumber).toBe('ADSL00991');
  });

  it.each([
    ['a one-character plan code', { planCode: 'X' }, 'planCode'],
    ['a plan code with spaces', { planCode: 'INT 50' }, 'planCode'],
    ['a plan code of 33 characters', { planCode: 'P'.repeat(33) }, 'planCode'],
    ['an unknown family', { family: 'SATELLITE' }, 'family'],
    ['a service number of 3 characters', { serviceNumber: '12-3' }, 'serviceNumber'],
    ['a service number of 33 characters', { serviceNumber: '1'.repeat(33) }, 'serviceNumber'],
    ['a service number with symbols', { serviceNumber: '2345#678' }, 'serviceNumber'],
    ['a blank service number', { serviceNumber: '   ' }, 'serviceNumber'],
    ['an address of 4 characters', { installationAddress: '  Av 1 ' }, 'installationAddress'],
    ['an address of 301 characters', { installationAddress: 'a'.repeat(301) }, 'installationAddress'],
  ])('rejects %s', (_case, change, field) => {
    expectInvalid({ ...valid, ...change }, field);
  });
});

test('a stored supplementary-service code is shown only when the catalog knows it (a sales order may name others)', () => {
  expect(['CALLER_ID', 'PIN', 'ROUTING_013', 'CALL_FORWARDING', 'CALL_WAITING', 'CENTREX'].every(isSupplementaryService)).toBe(true);
  expect(['caller_id', 'VOICEMAIL', ''].some(isSupplementaryService)).toBe(false);
});
