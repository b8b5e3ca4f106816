import { buildSchema, parse, validate } from 'graphql';
import { depthLimitRule } from '../src/graphql/limits/depth-limit';

const schema = buildSchema(`
  type Query { customer(id: ID): Customer, version: String }
  type Customer { id: ID, name: String, referredBy: Customer, orders: [Order] }
  type Order { id: ID, customer: Customer }
`);

function errorsFor(query: string, maxDepth: number) {
  return validate(schema, parse(query), [depthLimitRule(maxDepth)]);
}

describe('depthLimitRule', () => {
  it('accepts a query at the limit and counts root fields as depth 1', () => {
    expect(errorsFor('{ version }', 1)).toEqual([]);
    expect(errorsFor('{ customer { referredBy { name } } }', 3)).toEqual([]);
  });

  it('rejects one level past the limit with BAD_USER_INPUT', () => {
    const errors = errorsFor('{ customer { referredBy { referredBy { name } } } }', 3);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'depth' });
    expect(errors[0]?.message).toBe('Query is nested deeper than the limit of 3 levels');
  });

  it('measures the deepest branch, not the first', () => {
    expect(errorsFor('{ version customer { id orders { customer { referredBy { id } } } } }', 4)).toHaveLength(1);
  });

  it('follows named fragments, including fragments inside fragments', () => {
    const query = `
      { customer { ...Referral } }
      fragment Referral on Customer { referredBy { ...Deeper } }
      fragment Deeper on Customer { referredBy { referredBy { id } } }`;
    expect(errorsFor(query, 4)).toHaveLength(1);
    expect(errorsFor(query, 5)).toEqual([]);
  });

  it('follows inline fragments', () => {
    expect(errorsFor('{ customer { ... on Customer { referredBy { referredBy { id } } } } }', 3)).toHaveLength(1);
  });

  it('checks each operation of a document on its own', () => {
    const query = `
      query Shallow { version }
      query Deep { customer { referredBy { referredBy { id } } } }`;
    const errors = errorsFor(query, 2);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.nodes?.[0]?.loc?.startToken.line).toBe(3);
  });

  it('does not count introspection fields', () => {
    const introspection = '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }';
    expect(errorsFor(introspection, 2)).toEqual([]);
  });

  it('terminates on fragment cycles (graphql-js reports the cycle itself)', () => {
    const query = `
      { customer { ...A } }
      fragment A on Customer { referredBy { ...B } }
      fragment B on Customer { referredBy { ...A } }`;
    expect(() => errorsFor(query, 3)).not.toThrow();
  });

  it('stays cheap on a hostile, very deep document', () => {
    const levels = 2000;
    const query = `{ customer ${'{ referredBy '.repeat(levels)}{ id }${' }'.repeat(levels)} }`;
    const errors = validate(schema, parse(query), [depthLimitRule(12)]);
    expect(errors).toHaveLength(1);
  });
});
