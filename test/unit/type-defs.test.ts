/**
 * Each subgraph serves the SDL compiled into its build (services/<name>/src/__generated__/type-defs.ts,
 * written by services/common/scripts/type-defs.js in `npm run codegen`), not a file read at run time.
 * A schemas/<name>.graphql edited without rebuilding leaves the generated module behind: these tests
 * fail until the build runs again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, type DocumentNode } from 'graphql';
import { customersSubgraph } from '../../services/customers/src/subgraph';
import { salesSubgraph } from '../../services/sales/src/subgraph';
import { postsaleSubgraph } from '../../services/postsale/src/subgraph';
import { collectionsSubgraph } from '../../services/collections/src/subgraph';
import { techsupportSubgraph } from '../../services/techsupport/src/subgraph';
import { proposalsSubgraph } from '../../services/proposals/src/subgraph';
import { notificationsSubgraph } from '../../services/notifications/src/subgraph';

/* eslint-disable @typescript-eslint/no-require-imports */
const generator = require('../../services/common/scripts/type-defs.js') as {
  generateTypeDefs: (sdl: string, file: string) => string;
  subgraphs: () => string[];
  outFileOf: (name: string) => string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const SCHEMAS = path.join(__dirname, '../../schemas');
const SPECS = [customersSubgraph, salesSubgraph, postsaleSubgraph, collectionsSubgraph, techsupportSubgraph, proposalsSubgraph, notificationsSubgraph];

test('every subgraph has a schema file and a spec, and nothing else has a schema file', () => {
  expect(generator.subgraphs()).toEqual(SPECS.map((s) => s.name).sort());
});

describe.each(SPECS.map((spec) => [spec.name, spec] as const))('%s', (name, spec) => {
  const file = readFileSync(path.join(SCHEMAS, `${name}.graphql`), 'utf8');

  test('its generated module is what the generator makes of schemas/<name>.graphql now (rebuild after editing it)', () => {
    expect(readFileSync(generator.outFileOf(name), 'utf8')).toBe(generator.generateTypeDefs(file, `schemas/${name}.graphql`));
  });

  test('its spec serves that SDL', () => {
    // The loaded module (what the service compiles and runs), not only its text on disk.
    const generated = require(generator.outFileOf(name)) as { sdl: string; typeDefs: DocumentNode }; // eslint-disable-line @typescript-eslint/no-require-imports
    expect(generated.sdl).toBe(file);
    expect(spec.typeDefs).toBe(generated.typeDefs);
    expect(print(spec.typeDefs)).toBe(print(parse(file)));
  });
});

test('the generated module carries any SDL text unchanged (quotes, backslashes, block strings, unicode)', () => {
  const sdl = 'type Query {\n  """\n  A "quoted" \\ description — ñ\n  """\n  hello: String\n}\n';
  const text = generator.generateTypeDefs(sdl, 'schemas/x.graphql');
  const literal = /export const sdl = (.*);\n/.exec(text)?.[1];
  expect(JSON.parse(literal!)).toBe(sdl);
});
