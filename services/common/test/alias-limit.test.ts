import { buildSchema, parse, validate } from 'graphql';
import { aliasLimitRule } from '../src/graphql/limits/alias-limit';

const schema = buildSchema(`
  type Query { customer(id: ID): Customer, version: String }
  type Customer { id: ID, name: String, referredBy: Customer }
`);

function errorsFor(query: string, maxAliases: number) {
  return validate(schema, parse(query), [aliasLimitRule(maxAliases)]);
}

const aliased = (n: number) => Array.from({ length: n }, (_, i) => `c${i}: customer(id: "${i}") { id }`).join(' ');

describe('aliasLimitRule', () => {
  it('accepts up to the limit', () => {
    expect(errorsFor(`{ ${aliased(3)} }`, 3)).toEqual([]);
    expect(errorsFor('{ customer { id name } }', 0)).toEqual([]);
  });

  it('rejects one alias past the limit with BAD_USER_INPUT', () => {
    const errors = errorsFor(`{ ${aliased(4)} }`, 3);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'aliases' });
    expect(errors[0]?.message).toBe('Query uses 4 aliases; the limit is 3');
  });

  it('counts aliases at every depth', () => {
    expect(errorsFor('{ a: customer { b: referredBy { c: name d: id } } }', 3)).toHaveLength(1);
  });

  it('counts a fragment once per spread, because it runs once per spread', () => {
    const query = `
      { customer { ...Names referredBy { ...Names } } }
      fragment Names on Customer { n1: name n2: name }`;
    expect(errorsFor(query, 4)).toEqual([]);
    expect(errorsFor(query, 3)).toHaveLength(1);
  });

  it('counts aliases in inline fragments', () => {
    expect(errorsFor('{ customer { ... on Customer { a: id b: id } } }', 1)).toHaveLength(1);
  });

  it('sees through fragment fan-out in linear time', () => {
    // Each level doubles the executed fields: 2^20 aliases from a tiny document.
    const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Customer { ...F${i + 1} ...F${i + 1} }`);
    const query = `{ customer { ...F0 } } ${fragments.join(' ')} fragment F20 on Customer { x: id }`;
    const errors = errorsFor(query, 30);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe(`Query uses ${2 ** 20} aliases; the limit is 30`);
  });

  it('terminates on fragment cycles', () => {
    const query = `
      { customer { ...A } }
      fragment A on Customer { a: id ...B }
      fragment B on Customer { b: id ...A }`;
    expect(() => errorsFor(query, 30)).not.toThrow();
  });
});
