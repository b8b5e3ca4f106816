import { domainErrorOf } from '@vinculo/common/testing';
import type { Principal } from '@vinculo/common';
import { callListOrder, contactsAfterCall, decideCaller, loyaltyReport, problemServiceOf } from '../src/domain/loyalty';
import { analyseChurn, validPeriod } from '../src/domain/churn';
import type { Contact } from '../src/domain/contact';

const exec = (userId: string, roles: Principal['roles'] = ['ACCOUNT_EXECUTIVE']): Principal => ({ userId, tenantId: 't', roles, scopes: ['read', 'write'] });
const primary: Contact = { id: 'con_1', name: 'Rosa Pérez', role: null, phone: '70000001', whatsapp: null, email: 'rosa@acme.bo', primary: true };

describe('§3 J loyalty calls', () => {
  test('§3 J.5 a PROBLEM call may name the failing service (it routes the damage ticket); an OK call may not', () => {
    expect(problemServiceOf('PROBLEM', 'INTERNET')).toBe('INTERNET');
    expect(problemServiceOf('PROBLEM', null)).toBeNull();
    expect(problemServiceOf('OK', undefined)).toBeNull();
    expect(domainErrorOf(() => problemServiceOf('OK', 'TV'))).toMatchObject({ kind: 'invalid_input', details: { field: 'problemService' } });
  });
  test('R-CUS-LC1 an executive calls only their own portfolio; a lead calls any', () => {
    expect(() => decideCaller(exec('ana'), 'ana')).not.toThrow();
    expect(domainErrorOf(() => decideCaller(exec('ana'), 'beto')).details.rule).toBe('R-CUS-LC1');
    expect(domainErrorOf(() => decideCaller(exec('ana'), null)).kind).toBe('rule_violated');
    expect(() => decideCaller(exec('lead', ['SALES_TEAM_LEAD']), 'beto')).not.toThrow();
  });
  test('contact update corrects the primary contact through the contact rules', () => {
    const next = contactsAfterCall([primary], { email: 'Rosa@Nuevo.bo', whatsapp: '+591 70000002' }, 'con_new')!;
    expect(next).toEqual([{ ...primary, email: 'rosa@nuevo.bo', whatsapp: '+59170000002' }]);
  });
  test('the same data is a confirmation (null), a first contact is added, bad data is BAD_USER_INPUT', () => {
    expect(contactsAfterCall([primary], { email: 'ROSA@acme.bo', contactPerson: 'Rosa Pérez' }, 'c')).toBeNull();
    expect(contactsAfterCall([], { contactPerson: 'Juan Soliz', whatsapp: '70000003' }, 'con_2')).toEqual([
      { id: 'con_2', name: 'Juan Soliz', role: null, phone: null, whatsapp: '70000003', email: null, primary: true },
    ]);
    expect(domainErrorOf(() => contactsAfterCall([], { email: 'a@b.bo' }, 'c')).kind).toBe('invalid_input');
    expect(domainErrorOf(() => contactsAfterCall([primary], { email: 'not-an-email' }, 'c')).kind).toBe('invalid_input');
    expect(domainErrorOf(() => contactsAfterCall([primary], {}, 'c')).kind).toBe('invalid_input');
  });
  test('call list: never called first, then the oldest call; calls after the day do not count', () => {
    const customers = [
      { _id: 'a', nameKey: 'alfa' },
      { _id: 'b', nameKey: 'beta' },
      { _id: 'c', nameKey: 'gama' },
    ];
    const until = new Date('2025-03-02T00:00:00Z');
    const calls = [
      { customerId: 'a', at: new Date('2025-02-01T00:00:00Z') },
      { customerId: 'a', at: new Date('2025-03-01T00:00:00Z') },
      { customerId: 'b', at: new Date('2025-01-01T00:00:00Z') },
      { customerId: 'c', at: new Date('2025-03-05T00:00:00Z') },
    ];
    expect(callListOrder(customers, calls, until).map((e) => [e.customer._id, e.lastCalledAt?.toISOString() ?? null])).toEqual([
      ['c', null],
      ['b', '2025-01-01T00:00:00.000Z'],
      ['a', '2025-03-01T00:00:00.000Z'],
    ]);
  });
  test('end-of-day report counts calls, problems and contact updates', () => {
    expect(
      loyaltyReport([
        { outcome: 'OK', contactUpdated: true },
        { outcome: 'PROBLEM', contactUpdated: false },
        { outcome: 'OK', contactUpdated: false },
      ]),
    ).toEqual({ calls: 3, problems: 1, contactUpdates: 1 });
  });
});

describe('§4 churn analysis', () => {
  test('disaffiliations by reason, by segment and per month of the tenant time zone', () => {
    const r = analyseChurn(
      [
        { at: new Date('2025-01-31T23:30:00Z'), reason: 'Cambio de proveedor', segment: 'EMPRESAS' }, // 19:30 on Jan 31 in La Paz
        { at: new Date('2025-02-01T03:00:00Z'), reason: 'Cambio de proveedor', segment: 'EMPRESAS' }, // still Jan 31 in La Paz
        { at: new Date('2025-02-10T12:00:00Z'), reason: 'Cierre del negocio', segment: null },
      ],
      'America/La_Paz',
    );
    expect(r).toEqual({
      total: 3,
      byReason: [
        { key: 'Cambio de proveedor', count: 2 },
        { key: 'Cierre del negocio', count: 1 },
      ],
      bySegment: [
        { key: 'EMPRESAS', count: 2 },
        { key: 'NONE', count: 1 },
      ],
      groups: [
        { month: '2025-01', reason: 'Cambio de proveedor', segment: 'EMPRESAS', count: 2 },
        { month: '2025-02', reason: 'Cierre del negocio', segment: 'NONE', count: 1 },
      ],
    });
  });
  test('a period: to not before from, at most two years', () => {
    expect(() => validPeriod('2025-01-01', '2025-01-01')).not.toThrow();
    expect(domainErrorOf(() => validPeriod('2025-02-01', '2025-01-01')).kind).toBe('invalid_input');
    expect(domainErrorOf(() => validPeriod('2020-01-01', '2025-01-01')).kind).toBe('invalid_input');
  });
});
