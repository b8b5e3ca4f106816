/**
 * The committed supergraph is exactly what composition makes from schemas/, with no unaccepted hint;
 * the subgraph schemas keep the nullability rule of fields added to another subgraph's entity.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type FieldDefinitionNode } from 'graphql';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compose } = require('../../scripts/compose.js') as {
  compose: () => { supergraph?: string; errors: { message: string }[]; hints: { message: string }[] };
};

const SCHEMAS = path.join(__dirname, '../../schemas');

test('schemas/supergraph.graphql matches composition of schemas/*.graphql', () => {
  const { supergraph, errors, hints } = compose();
  expect(errors.map((e) => e.message)).toEqual([]);
  expect(hints.map((h) => h.message)).toEqual([]);
  const committed = readFileSync(path.join(SCHEMAS, 'supergraph.graphql'), 'utf8');
  expect(committed).toBe(`${supergraph!.trimEnd()}\n`);
});

/**
 * A field a subgraph adds to another subgraph's entity is nullable: when its subgraph is down the
 * gateway answers null there (and names the subgraph in the errors) instead of letting the null climb
 * to the entity, and from there to the root. The owner of an entity is the subgraph that defines it
 * with its fields; the others only add to it.
 */
test("every field a subgraph adds to another subgraph's entity is nullable and says when it is null", () => {
  const keys = new Map<string, string[]>(); // entity → its key's field names
  const keyFieldNames = (entity: string) => keys.get(entity) ?? [];
  const definitions = new Map<string, Map<string, FieldDefinitionNode[]>>(); // entity → subgraph → fields
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.graphql') && f !== 'supergraph.graphql')) {
    const subgraph = file.replace(/\.graphql$/, '');
    for (const def of parse(readFileSync(path.join(SCHEMAS, file), 'utf8')).definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      const key = def.directives?.find((d) => d.name.value === 'key');
      if (!key) continue;
      const fieldsArg = key.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (fieldsArg?.kind === Kind.STRING) keys.set(def.name.value, fieldsArg.value.split(/\s+/).filter(Boolean));
      const bySubgraph = definitions.get(def.name.value) ?? new Map<string, FieldDefinitionNode[]>();
      bySubgraph.set(subgraph, [...(bySubgraph.get(subgraph) ?? []), ...(def.fields ?? [])]);
      definitions.set(def.name.value, bySubgraph);
    }
  }
  const offending: string[] = [];
  let added = 0;
  for (const [entity, bySubgraph] of definitions) {
    const sizes = [...bySubgraph].sort((a, b) => b[1].length - a[1].length);
    const [owner, second] = sizes;
    if (!owner || !second) continue;
    const keyFields = new Set(keyFieldNames(entity));
    if (owner[1].length === second[1].length) {
      // No owner: an entity every subgraph contributes to (the reconciliation report, keyed by
      // tenant and cutoff). Then every field but the key is someone's contribution: all nullable.
      for (const [subgraph, fields] of sizes) {
        for (const field of fields) {
          if (keyFields.has(field.name.value) || field.directives?.some((d) => d.name.value === 'external')) continue;
          added += 1;
          if (field.type.kind === Kind.NON_NULL_TYPE) offending.push(`${subgraph}: ${entity}.${field.name.value} (no owner) is non-null`);
        }
      }
      continue;
    }
    for (const [subgraph, fields] of sizes.slice(1)) {
      for (const field of fields) {
        if (field.name.value === 'id' || keyFields.has(field.name.value)) continue;
        added += 1;
        const where = `${subgraph}: ${entity}.${field.name.value} (owner ${owner[0]})`;
        if (field.type.kind === Kind.NON_NULL_TYPE) offending.push(`${where} is non-null`);
        if (!new RegExp(`null when ${subgraph} is unavailable`, 'i').test(field.description?.value ?? '')) {
          offending.push(`${where} does not say it is null when ${subgraph} is unavailable`);
        }
      }
    }
  }
  expect(offending).toEqual([]);
  expect(added).toBeGreaterThanOrEqual(20); // the rule looked at the fields it is about
});
