import { domainErrorOf } from '@vinculo/common/testing';
import { checkIdentityCard, checkTaxId, documentSearchKey, documentsOf } from '../src/domain/documents';
import { GENERIC } from '../src/domain/documents/generic';
import { nitCheckDigit } from '../src/domain/documents/colombia';
import { curpCheckDigit } from '../src/domain/documents/mexico';

const refusedOn = (fn: () => unknown) => {
  const err = domainErrorOf(fn);
  return `${err.kind}:${err.details.field}`;
};

describe('Bolivia (BO): NIT and CI', () => {
  test.each(['1023456025', '1234567', '102 345 6025'])('NIT %s is valid', (nit) => {
    expect(checkTaxId(nit, 'BO').value).toMatch(/^\d{7,13}$/);
  });
  test.each(['123456', '12345678901234', '1023456-025', 'NIT1023456'])('NIT %s is refused', (nit) => {
    expect(refusedOn(() => checkTaxId(nit, 'BO'))).toBe('invalid_input:taxId');
  });
  test('CI with complement and department; the department is not part of the identity', () => {
    expect(checkIdentityCard('6543210-1a lp', 'BO')).toEqual({ value: '6543210-1A LP', identity: '6543210-1A' });
    expect(checkIdentityCard('4567890', 'BO')).toEqual({ value: '4567890', identity: '4567890' });
  });
  test.each(['1234', '6543210-XYZ', '6543210 QQ', 'ABC1234'])('CI %s is refused', (ci) => {
    expect(refusedOn(() => checkIdentityCard(ci, 'BO'))).toBe('invalid_input:identityCard');
  });
});

describe('Colombia (CO): NIT with DIAN check digit, cédula', () => {
  test('check digits of real NITs (Bancolombia 890903938-8, Banco de Bogotá 860002964-4)', () => {
    expect(nitCheckDigit('890903938')).toBe(8);
    expect(nitCheckDigit('860002964')).toBe(4);
  });
  test('dots are accepted and dropped', () => {
    expect(checkTaxId('890.903.938-8', 'CO').value).toBe('890903938-8');
  });
  test.each(['890903938-7', '890903938', '8909039388', '12345-1'])('NIT %s is refused', (nit) => {
    expect(refusedOn(() => checkTaxId(nit, 'CO'))).toBe('invalid_input:taxId');
  });
  test('cédula: 5 to 10 digits, dots dropped', () => {
    expect(checkIdentityCard('1.020.304.050', 'CO').value).toBe('1020304050');
    expect(refusedOn(() => checkIdentityCard('1020-304', 'CO'))).toBe('invalid_input:identityCard');
  });
});

describe('Mexico (MX): RFC and CURP', () => {
  test('RFC of a company (12) and of a person with business activity (13)', () => {
    expect(checkTaxId('gfa-850101-ab1', 'MX').value).toBe('GFA850101AB1');
    expect(checkTaxId('GODE561231GR8', 'MX').value).toBe('GODE561231GR8');
  });
  test.each(['GFA851301AB1', 'GF850101AB1', '4567891230'])('RFC %s is refused (bad date, short, digits only)', (rfc) => {
    expect(refusedOn(() => checkTaxId(rfc, 'MX'))).toBe('invalid_input:taxId');
  });
  test('CURP check digit of real CURPs', () => {
    expect(curpCheckDigit('HEGG560427MVZRRL0')).toBe(4);
    expect(checkIdentityCard('loOa531113htcpbn07', 'MX').value).toBe('LOOA531113HTCPBN07');
  });
  test.each(['LOOA531113HTCPBN08', 'LOOA531113HXXPBN07', 'LOOA531313HTCPBN07'])('CURP %s is refused (check digit, state, date)', (curp) => {
    expect(refusedOn(() => checkIdentityCard(curp, 'MX'))).toBe('invalid_input:identityCard');
  });
});

describe('no country, or one without its own rules', () => {
  test('unset or unknown country → the generic formats', () => {
    expect(documentsOf(null)).toBe(GENERIC);
    expect(documentsOf('PE')).toBe(GENERIC);
    expect(checkTaxId('12345-6', null).value).toBe('12345-6');
    expect(refusedOn(() => checkTaxId('12ab', 'PE'))).toBe('invalid_input:taxId');
  });
  test('search keys are the stored form', () => {
    expect(documentSearchKey('890.903.938-8', 'CO', 'taxId')).toBe('890903938-8');
    expect(documentSearchKey(' 6543210-1a ', null, 'identityCard')).toBe('6543210-1A');
  });
});
