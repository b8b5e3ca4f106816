import { domainErrorOf } from '@vinculo/common/testing';
import { decideProfileChange, type Profile } from '../src/domain/customer-profile';
import { addContact, phoneKeys, primaryOf, removeContact, setPrimaryContact, updateContact, type Contact } from '../src/domain/contact';
import { addAddress, removeAddress } from '../src/domain/address';

const profile: Profile = { name: 'Hotel Palace SRL', tradeName: null, activityType: null, segment: null, market: null, category: null };

describe('customer profile', () => {
  test('omitted fields stay, an empty string clears a text, segment codes are upper-cased', () => {
    const next = decideProfileChange(
      { ...profile, tradeName: 'Palace' },
      { tradeName: '', activityType: ' Hotelería ', segment: 'empresas', market: 'REGULATED' },
    );
    expect(next).toEqual({ ...profile, tradeName: null, activityType: 'Hotelería', segment: 'EMPRESAS', market: 'REGULATED' });
  });
  test.each([
    [{ name: 'X' }, 'name'],
    [{ segment: 'dos palabras' }, 'segment'],
    [{ name: 'Hotel Palace SRL' }, 'input'],
  ])('%j → BAD_USER_INPUT on %s', (patch, field) => {
    expect(domainErrorOf(() => decideProfileChange(profile, patch)).details.field).toBe(field);
  });
});

describe('contacts: one primary', () => {
  const ana = { name: 'Ana Rojas', role: 'Gerente', phone: '+591 (4) 425-1234', email: 'ANA@hotel.bo' };
  const one = addContact([], 'c1', ana, false);

  test('the first contact is primary; phones tidied, e-mail lower-cased', () => {
    expect(one).toEqual([{ id: 'c1', name: 'Ana Rojas', role: 'Gerente', phone: '+59144251234', whatsapp: null, email: 'ana@hotel.bo', primary: true }]);
  });
  test('adding with primary moves the mark; removing the primary promotes the earliest left', () => {
    const three = addContact(addContact(one, 'c2', { name: 'Luis Paz', whatsapp: '70712345' }, false), 'c3', { name: 'Eva Gil', email: 'eva@hotel.bo' }, true);
    expect(three.map((c) => [c.id, c.primary])).toEqual([
      ['c1', false],
      ['c2', false],
      ['c3', true],
    ]);
    expect(primaryOf(removeContact(three, 'c3'))?.id).toBe('c1');
    expect(primaryOf(removeContact(three, 'c2'))?.id).toBe('c3');
  });
  test('setPrimaryContact is a no-op (null) when already primary', () => {
    const two = addContact(one, 'c2', { name: 'Luis Paz', whatsapp: '70712345' }, false);
    expect(setPrimaryContact(two, 'c1')).toBeNull();
    expect(primaryOf(setPrimaryContact(two, 'c2')!)?.id).toBe('c2');
  });
  test('updateContact: omitted fields stay, empty clears; phone search keys are digits', () => {
    const updated = updateContact(one, 'c1', { whatsapp: '+591 70712345', role: '' });
    expect(updated[0]).toMatchObject({ role: null, whatsapp: '+59170712345', phone: '+59144251234' });
    expect(phoneKeys(updated)).toEqual(['59144251234', '59170712345']);
  });
  test.each<[string, () => Contact[] | null, string]>([
    ['no way to reach', () => addContact([], 'c1', { name: 'Sin Datos' }, false), 'invalid_input'],
    ['bad phone', () => addContact([], 'c1', { name: 'Ana Rojas', phone: '12' }, false), 'invalid_input'],
    ['bad e-mail', () => addContact([], 'c1', { name: 'Ana Rojas', email: 'ana@' }, false), 'invalid_input'],
    ['unknown contact', () => updateContact(one, 'zz', { name: 'Otra' }), 'not_found'],
    ['clearing the only way to reach', () => updateContact(one, 'c1', { phone: '', email: '' }), 'invalid_input'],
    ['unknown primary', () => setPrimaryContact(one, 'zz'), 'not_found'],
  ])('%s → %s', (_label, fn, kind) => {
    expect(domainErrorOf(fn).kind).toBe(kind);
  });
});

describe('addresses', () => {
  test('with district, neighbourhood and coordinates', () => {
    const list = addAddress([], 'a1', {
      label: 'Oficina',
      line: 'Av. Ballivián 650',
      district: 'Distrito 10',
      neighbourhood: 'Zona Central',
      coordinates: { latitude: -17.39, longitude: -66.16 },
    });
    expect(list[0]).toMatchObject({ id: 'a1', city: null, district: 'Distrito 10', coordinates: { latitude: -17.39, longitude: -66.16 } });
    expect(removeAddress(list, 'a1')).toEqual([]);
    expect(domainErrorOf(() => removeAddress(list, 'zz')).kind).toBe('not_found');
  });
  test('coordinates out of range → BAD_USER_INPUT', () => {
    expect(domainErrorOf(() => addAddress([], 'a1', { line: 'Av. Ballivián 650', coordinates: { latitude: -95, longitude: 0 } })).details.field).toBe(
      'coordinates',
    );
  });
});
