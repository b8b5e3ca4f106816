/**
 * Bad input (issue 14, item 7): what a client gets wrong is answered BAD_USER_INPUT with a message
 * that says what, never a masked fault. The named cases first, then every root field of the
 * supergraph (read from the gateway's schema, so a new field is covered without editing this file)
 * fed malformed values: wrong types, bad enums, huge strings and numbers, negative numbers, empty
 * strings, bad cursors — no INTERNAL_SERVER_ERROR anywhere, and the mutations wrote nothing.
 */
import { SCOPES } from '@vinculo/common';
import { execute, expectGraphQLErrors, expectNoGraphQLErrors, tokenFor, uniqueTenant, type GraphQLResponse } from '@vinculo/common/testing';

describe('named cases answer BAD_USER_INPUT with a useful message', () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor(uniqueTenant('bad'), ['ADMIN']);
  });

  test('a subscription operation', async () => {
    const err = expectGraphQLErrors(await execute('subscription { customers { edges { node { id } } } }', {}, { token }), 'BAD_USER_INPUT');
    expect(err.message).toMatch(/subscription/i);
  });

  test('an unknown operationName', async () => {
    const res = await execute('query A { customers(first: 1) { edges { node { id } } } }', {}, { token, operationName: 'B' });
    const err = expectGraphQLErrors(res, 'BAD_USER_INPUT');
    expect(err.message).toMatch(/Unknown operation named "B"/);
  });

  test('a nameContains of a few thousand characters', async () => {
    const res = await execute(
      'query($f: CustomerFilter) { customers(first: 5, filter: $f) { edges { node { id } } } }',
      { f: { nameContains: 'a'.repeat(5000) } },
      { token },
    );
    const err = expectGraphQLErrors(res, 'BAD_USER_INPUT');
    expect(err.message).toMatch(/nameContains/);
  });

  test.each([
    ['an object', { a: 1 }],
    ['an operator in place of the value', [{ v: { $gt: '' } }, 'x']],
    ['an array of garbage', [1, 2, 3]],
  ])('a cursor that decodes to %s', async (_what, decoded) => {
    const after = Buffer.from(JSON.stringify(decoded)).toString('base64url');
    const res = await execute('query($a: String) { customers(first: 5, after: $a) { edges { node { id } } } }', { a: after }, { token });
    const err = expectGraphQLErrors(res, 'BAD_USER_INPUT');
    expect(err.message).toMatch(/cursor/);
  });
});

// ---- every root field, malformed --------------------------------------------------------------

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
}
interface Field {
  name: string;
  args: InputValue[];
  type: TypeRef;
}
interface FullType {
  kind: string;
  name: string;
  fields: Field[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const INTROSPECT = `{ __schema { queryType { name } mutationType { name } types {
  kind name enumValues { name }
  fields { name type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } }
  inputFields { name type { ${TYPE_REF} } } } } }`;

type Mode = 'wrong-type' | 'huge' | 'negative' | 'bad-cursor';
const MODES: Mode[] = ['wrong-type', 'huge', 'negative', 'bad-cursor'];

const BAD_CURSORS = [
  Buffer.from(JSON.stringify({ a: 1 })).toString('base64url'),
  Buffer.from(JSON.stringify([{ v: { $ne: null } }, { $gt: '' }])).toString('base64url'),
  '%%%not-a-cursor%%%',
];

function printType(t: TypeRef): string {
  if (t.kind === 'NON_NULL') return `${printType(t.ofType!)}!`;
  if (t.kind === 'LIST') return `[${printType(t.ofType!)}]`;
  return t.name!;
}

function named(t: TypeRef): TypeRef {
  return t.ofType ? named(t.ofType) : t;
}

/** A value of `t` for `mode`; `argName` decides where cursors go. */
function valueFor(types: Map<string, FullType>, t: TypeRef, mode: Mode, argName: string, depth = 0): unknown {
  if (t.kind === 'NON_NULL') return valueFor(types, t.ofType!, mode, argName, depth);
  if (t.kind === 'LIST') return [valueFor(types, t.ofType!, mode, argName, depth)];
  const type = types.get(t.name!)!;
  if (mode === 'wrong-type') {
    // Each kind gets something it cannot coerce.
    if (type.kind === 'INPUT_OBJECT') return 'not an object';
    if (type.kind === 'ENUM') return 'NOT_A_VALUE';
    if (t.name === 'Int' || t.name === 'Float') return 'not a number';
    if (t.name === 'Boolean') return 'yes';
    return { not: 'a string' };
  }
  if (type.kind === 'INPUT_OBJECT') {
    if (depth > 4) return {};
    return Object.fromEntries((type.inputFields ?? []).map((f) => [f.name, valueFor(types, f.type, mode, f.name, depth + 1)]));
  }
  if (type.kind === 'ENUM') return type.enumValues![0]!.name;
  if (mode === 'bad-cursor' && argName === 'after') return BAD_CURSORS[depth % BAD_CURSORS.length];
  switch (t.name) {
    case 'Int':
      return mode === 'huge' ? 2147483647 : -1;
    case 'Float':
      return mode === 'huge' ? 1e308 : -1e9;
    case 'Boolean':
      return true;
    default:
      // String, ID and the custom scalars (dates, money, JSON): huge, or empty.
      return mode === 'huge' ? 'x'.repeat(5000) : mode === 'negative' ? '' : '-1';
  }
}

function selectionFor(types: Map<string, FullType>, t: TypeRef): string {
  const type = types.get(named(t).name!)!;
  return type.kind === 'OBJECT' || type.kind === 'INTERFACE' || type.kind === 'UNION' ? '{ __typename }' : '';
}

function operationFor(kind: 'query' | 'mutation', field: Field, types: Map<string, FullType>): string {
  const vars = field.args.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind}${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionFor(types, field.type)} }`;
}

const internalErrors = (res: GraphQLResponse<unknown>) => (res.errors ?? []).filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');

describe('every root field of the supergraph, fed malformed values', () => {
  let types: Map<string, FullType>;
  let queries: Field[];
  let mutations: Field[];
  const tenant = uniqueTenant('fuzz');
  let admin: string;

  beforeAll(async () => {
    // Every scope there is: the point is what the resolvers do with bad values, not who may call them.
    admin = await tokenFor(tenant, ['ADMIN'], { scopes: [...SCOPES] });
    const schema = expectNoGraphQLErrors(await execute<any>(INTROSPECT, {}, { token: admin })).__schema;
    types = new Map((schema.types as FullType[]).map((t) => [t.name, t]));
    queries = types.get(schema.queryType.name)!.fields!.filter((f) => !f.name.startsWith('_'));
    mutations = types.get(schema.mutationType.name)!.fields!;
    expect(queries.length).toBeGreaterThan(20);
    expect(mutations.length).toBeGreaterThan(20);
  });

  /** The connections of the tenant a reader with no arguments can list: what "nothing written" samples. */
  async function listedRows(): Promise<Record<string, number>> {
    const lists = queries.filter((f) => f.args.every((a) => a.type.kind !== 'NON_NULL') && f.args.some((a) => a.name === 'first'));
    const rows: Record<string, number> = {};
    for (const f of lists) {
      const res = await execute<any>(`{ ${f.name}(first: 100) { edges { __typename } } }`, {}, { token: admin });
      const edges = res.data?.[f.name]?.edges;
      if (Array.isArray(edges)) rows[f.name] = edges.length;
    }
    return rows;
  }

  test('no INTERNAL_SERVER_ERROR for any root field in any mode, and mutations write nothing', async () => {
    const before = await listedRows();
    expect(Object.keys(before).length).toBeGreaterThan(5);
    const faults: string[] = [];
    for (const [kind, fields] of [
      ['query', queries],
      ['mutation', mutations],
    ] as const) {
      for (const field of fields) {
        const operation = operationFor(kind, field, types);
        for (const mode of MODES) {
          if (mode === 'bad-cursor' && !field.args.some((a) => a.name === 'after')) continue;
          const variables = Object.fromEntries(field.args.map((a) => [a.name, valueFor(types, a.type, mode, a.name)]));
          const res = await execute(operation, variables, { token: admin });
          if (res.status >= 500 || internalErrors(res).length > 0) {
            faults.push(`${kind} ${field.name} [${mode}] → ${res.status} ${JSON.stringify(res.errors)}`);
          }
        }
      }
    }
    expect(faults).toEqual([]);
    expect(await listedRows()).toEqual(before);
  });
});
