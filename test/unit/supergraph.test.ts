/** The committed supergraph is exactly what composition makes from schemas/, with no unaccepted hint. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compose } = require('../../scripts/compose.js') as {
  compose: () => { supergraph?: string; errors: { message: string }[]; hints: { message: string }[] };
};

test('schemas/supergraph.graphql matches composition of schemas/*.graphql', () => {
  const { supergraph, errors, hints } = compose();
  expect(errors.map((e) => e.message)).toEqual([]);
  expect(hints.map((h) => h.message)).toEqual([]);
  const committed = readFileSync(path.join(__dirname, '../../schemas/supergraph.graphql'), 'utf8');
  expect(committed).toBe(`${supergraph!.trimEnd()}\n`);
});
