import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { overlongFilterString } from '../src/graphql/limits/filter-strings';

const schema = buildSchema(`
  type Query { customers(first: Int, filter: CustomerFilter): [String], note(input: NoteInput): String }
  input CustomerFilter { nameContains: String, status: String }
  input NoteInput { text: String }
`);

function find(query: string, variables: Record<string, unknown> = {}) {
  const doc = parse(query);
  return overlongFilterString(schema, doc, doc.definitions[0] as OperationDefinitionNode, variables, 10);
}

describe('overlongFilterString', () => {
  it('finds an overlong filter string, literal or in a variable', () => {
    expect(find('{ customers(filter: { nameContains: "aaaaaaaaaaaa" }) }')).toEqual({ path: 'CustomerFilter.nameContains', length: 12 });
    expect(find('query($f: CustomerFilter) { customers(filter: $f) }', { f: { nameContains: 'a'.repeat(50) } })).toEqual({
      path: 'CustomerFilter.nameContains',
      length: 50,
    });
    expect(find('query($s: String) { customers(filter: { nameContains: $s }) }', { s: 'b'.repeat(11) })?.length).toBe(11);
  });

  it('leaves short filters and other inputs alone (a long note is not a search)', () => {
    expect(find('{ customers(filter: { nameContains: "hotel" }) }')).toBeUndefined();
    expect(find('query($n: NoteInput) { note(input: $n) }', { n: { text: 'x'.repeat(5000) } })).toBeUndefined();
    // ill-typed values are graphql-js's to report
    expect(find('query($f: CustomerFilter) { customers(filter: $f) }', { f: 'nope' })).toBeUndefined();
  });
});
