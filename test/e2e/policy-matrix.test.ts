/**
 * The policy matrix (issue #14), checked from the schema: every Query and Mutation root field of the
 * committed supergraph is called through the gateway once per role, and the outcome (ALLOWED /
 * DENIED) must equal the committed schemas/policy-matrix.json. Removing an `authorize` call, widening
 * or narrowing a policy row, or adding a root field without regenerating the matrix fails here.
 * Regenerate with `npm run policy-matrix` against a running stack and review the diff.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROLES } from '@vinculo/common';
import { testStack } from '@vinculo/common/testing';

interface MatrixField {
  kind: string;
  name: string;
  subgraph: string;
  scopes: string[];
  roles: Record<string, 'ALLOWED' | 'DENIED'>;
}
interface Matrix {
  roles: string[];
  fields: MatrixField[];
}
// Plain JS shared with `npm run policy-matrix`, loaded at run time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pm = require(path.resolve(__dirname, '../../scripts/policy-matrix.js')) as {
  probeMatrix(o: { gatewayUrl: string; concurrency?: number }): Promise<{ matrix: Matrix; odd: string[]; unreached: string[] }>;
  rootFields(schema: unknown): { kind: string; name: string }[];
  loadSchema(): unknown;
  renderMarkdown(m: Matrix): string;
  write(m: Matrix): void;
  diffMatrices(committed: Matrix | null, probed: Matrix): string[];
  readCommitted(): Matrix | null;
  MATRIX_MD: string;
};

const key = (f: { kind: string; name: string }) => `${f.kind}.${f.name}`;

describe('policy matrix', () => {
  // UPDATE_POLICY_MATRIX=1 writes what the test stack answers instead (like `npm run policy-matrix`
  // against a running stack); review the diff before committing it.
  const update = process.env.UPDATE_POLICY_MATRIX === '1';
  let committed = pm.readCommitted();

  if (update) {
    beforeAll(async () => {
      const { matrix } = await pm.probeMatrix({ gatewayUrl: testStack().gatewayUrl, concurrency: 4 });
      pm.write(matrix);
      committed = pm.readCommitted();
    }, 600_000);
  }

  test('the committed matrix covers every root field of the supergraph and every role', () => {
    expect(committed).not.toBeNull();
    expect(committed!.roles).toEqual([...ROLES]);
    expect(committed!.fields.map(key).sort()).toEqual(pm.rootFields(pm.loadSchema()).map(key).sort());
    for (const f of committed!.fields) expect(Object.keys(f.roles).sort()).toEqual([...ROLES].sort());
    // The table people read is the JSON rendered, not a hand edit.
    expect(readFileSync(pm.MATRIX_MD, 'utf8')).toBe(pm.renderMarkdown(committed!));
  });

  test('every root field × role through the gateway answers as the committed matrix says', async () => {
    const started = Date.now();
    const { matrix, odd, unreached } = await pm.probeMatrix({ gatewayUrl: testStack().gatewayUrl, concurrency: 4 });
    // A probe the gateway refused before any resolver ran would read as ALLOWED whatever the policy.
    expect(unreached).toEqual([]);
    const diff = pm.diffMatrices(committed, matrix);
    if (diff.length) throw new Error(`schemas/policy-matrix.json is stale (run npm run policy-matrix and review):\n  ${diff.join('\n  ')}`);
    // Sanity: the probe reaches the resolvers (a broken token or gateway would deny everything).
    expect(matrix.fields.find((f) => f.name === 'customer')!.roles.ADMIN).toBe('ALLOWED');
    expect(matrix.fields.find((f) => f.name === 'configureTenant')!.roles.PARTNER).toBe('DENIED');
    // Faults are another issue's business (bad input answered as faults), but worth seeing in the log.
    if (odd.length) console.warn(`policy matrix: ${odd.length} cells answered a fault:\n  ${odd.join('\n  ')}`);
    console.info(`policy matrix: ${matrix.fields.length} fields × ${matrix.roles.length} roles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // About 2,000 calls: 20–40 s on a quiet machine, minutes on a loaded CI runner.
  }, 600_000);
});
