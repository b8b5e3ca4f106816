import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** Longest text a search filter takes: names, tax ids, phone digits are far shorter. */
export const MAX_FILTER_STRING = 200;

/**
 * The first string in a search filter (an input type whose name ends in `Filter`, e.g.
 * `CustomerFilter.nameContains`) longer than `max`, as `Type.field` and its length; undefined when
 * none. A filter string becomes a store regex or index probe: a few thousand characters of it is
 * not a search, and must be refused as the client's mistake rather than reach the store.
 */
export function overlongFilterString(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  max = MAX_FILTER_STRING,
): { path: string; length: number } | undefined {
  let found: { path: string; length: number } | undefined;
  const typeInfo = new TypeInfo(schema);
  const check = (value: unknown, type: GraphQLInputType, path: string): void => {
    if (found || value === null || value === undefined) return;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (Array.isArray(value)) for (const v of value) check(v, nullable.ofType, path);
      return;
    }
    if (!isInputObjectType(nullable) || typeof value !== 'object') return;
    const isFilter = nullable.name.endsWith('Filter');
    for (const [name, field] of Object.entries(nullable.getFields())) {
      const v = (value as Record<string, unknown>)[name];
      if (isFilter && typeof v === 'string' && v.length > max) {
        found = { path: `${nullable.name}.${name}`, length: v.length };
        return;
      }
      check(v, field.type, `${path}.${name}`);
    }
  };
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const root of [operation, ...fragments]) {
    visit(
      root,
      visitWithTypeInfo(typeInfo, {
        Argument(node) {
          const arg = typeInfo.getArgument();
          if (!arg || found) return;
          // Invalid values are left to graphql-js's coercion (it reports them); only well-typed ones here.
          const value = valueFromAST(node.value, arg.type, variables as Record<string, unknown> | undefined);
          if (isInputObjectType(getNamedType(arg.type))) check(value, arg.type, arg.name);
        },
      }),
    );
  }
  return found;
}
