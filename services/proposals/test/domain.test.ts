import { domainErrorOf } from '@vinculo/common/testing';
import { checkQualifiable, decideLead, DOCUMENTED_SOURCES, LEAD_SOURCES, REQUIREMENT_MAX, type LeadInput } from '../src/domain/lead';

const valid: LeadInput = {
  companyName: '  Banco   Andino  S.A. ',
  source: 'FORUM',
  requirement: '\n  Managed SOC for 3 branches.\nNeeds 24/7 monitoring.  \n',
};

function expectInvalid(input: LeadInput, field: string): void {
  const err = domainErrorOf(() => decideLead(input));
  expect(err.kind).toBe('invalid_input');
  expect(err.details.field).toBe(field);
}

describe('decideLead', () => {
  it('normalises a lead without a customer; it starts NEW', () => {
    expect(decideLead(valid)).toEqual({
      companyName: 'Banco Andino S.A.',
      source: 'FORUM',
      requirement: 'Managed SOC for 3 branches.\nNeeds 24/7 monitoring.',
      customerId: null,
      requirementForm: null,
      status: 'NEW',
    });
  });

  it('keeps a given customer id (trimmed) and treats null as no customer', () => {
    expect(decideLead({ ...valid, customerId: ' cus_123 ' }).customerId).toBe('cus_123');
    expect(decideLead({ ...valid, customerId: null }).customerId).toBeNull();
  });

  it('accepts every source', () => {
    for (const source of LEAD_SOURCES) expect(decideLead({ ...valid, source }).source).toBe(source);
  });

  it(`accepts a requirement of exactly 1 and ${REQUIREMENT_MAX} characters`, () => {
    expect(decideLead({ ...valid, requirement: 'x' }).requirement).toBe('x');
    expect(decideLead({ ...valid, requirement: 'x'.repeat(REQUIREMENT_MAX) }).requirement).toHaveLength(REQUIREMENT_MAX);
  });

  it.each([
    ['a one-character company name', { companyName: ' A ' }, 'companyName'],
    ['a company name of 201 characters', { companyName: 'C'.repeat(201) }, 'companyName'],
    ['an unknown source', { source: 'COLD_CALL' }, 'source'],
    ['a blank requirement', { requirement: ' \n\t ' }, 'requirement'],
    [`a requirement of ${REQUIREMENT_MAX + 1} characters`, { requirement: 'r'.repeat(REQUIREMENT_MAX + 1) }, 'requirement'],
    ['a blank customer id', { customerId: '   ' }, 'customerId'],
  ])('rejects %s', (_case, change, field) => {
    expectInvalid({ ...valid, ...change }, field);
  });
});

describe('R-PRO-1 form F-COM-001 only for visits', () => {
  const form = { visitedOn: '2026-03-02', contactName: ' Ana  Pérez ', contactRole: 'CISO', needs: ' 24/7 SOC ' };
  it('R-PRO-1 a visit lead (meeting, forum, contact, group company) keeps the form, normalised', () => {
    for (const source of ['MEETING', 'FORUM', 'CONTACT', 'GROUP_COMPANY']) {
      expect(decideLead({ ...valid, source, requirementForm: form }).requirementForm).toEqual({
        visitedOn: '2026-03-02',
        contactName: 'Ana Pérez',
        contactRole: 'CISO',
        needs: '24/7 SOC',
      });
    }
  });
  it.each(DOCUMENTED_SOURCES)('R-PRO-1 a %s lead cannot carry the form (FAILED_PRECONDITION)', (source) => {
    expect(domainErrorOf(() => decideLead({ ...valid, source, requirementForm: form }))).toMatchObject({ kind: 'rule_violated', details: { rule: 'R-PRO-1' } });
    expect(decideLead({ ...valid, source }).requirementForm).toBeNull();
  });
  it('a form without needs is bad input', () => {
    expectInvalid({ ...valid, requirementForm: { ...form, needs: '  ' } }, 'requirementForm.needs');
  });
  it('only a NEW lead is qualified; again → a duplicate, a discarded one → wrong state', () => {
    expect(() => checkQualifiable('NEW')).not.toThrow();
    expect(domainErrorOf(() => checkQualifiable('QUALIFIED')).kind).toBe('already_exists');
    expect(domainErrorOf(() => checkQualifiable('DISCARDED'))).toMatchObject({
      kind: 'illegal_transition',
      details: { currentStatus: 'DISCARDED', allowedFrom: ['NEW'] },
    });
    expect(domainErrorOf(() => checkQualifiable('DISCARDED')).kind).toBe('illegal_transition');
  });
});
