import { domainErrorOf } from '@vinculo/common/testing';
import { decideLead, LEAD_SOURCES, REQUIREMENT_MAX, type LeadInput } from '../src/domain/lead';

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
