import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@vinculo/common';
import { loadGatewayConfig } from '../src/config';
import { loadSupergraph, subgraphsOf } from '../src/supergraph';
import { composeSupergraph } from './support/stub-subgraphs';

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vinculo-sg-'));
  file = path.join(dir, 'supergraph.graphql');
  writeFileSync(file, composeSupergraph({ customers: 'http://customers:4001/graphql', sales: 'http://sales:4002/graphql' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('supergraph loading', () => {
  it('reads the subgraph URLs recorded at composition', () => {
    expect(subgraphsOf(loadSupergraph(file, {}).sdl)).toEqual([
      { name: 'customers', url: 'http://customers:4001/graphql' },
      { name: 'sales', url: 'http://sales:4002/graphql' },
    ]);
  });

  it('lets SUBGRAPH_<NAME>_URL replace a recorded URL', () => {
    const config = loadGatewayConfig({ ALLOW_DEV_JWT_SECRET: 'true', SUPERGRAPH_PATH: file, SUBGRAPH_SALES_URL: 'http://10.0.0.7:4002/graphql' });
    expect(loadSupergraph(config.supergraphPath, config.urlOverrides).subgraphs).toEqual([
      { name: 'customers', url: 'http://customers:4001/graphql' },
      { name: 'sales', url: 'http://10.0.0.7:4002/graphql' },
    ]);
  });

  it('reports, without failing, an override for a subgraph the supergraph does not compose', () => {
    const config = loadGatewayConfig({ ALLOW_DEV_JWT_SECRET: 'true', SUPERGRAPH_PATH: file, SUBGRAPH_PROPOSALS_URL: 'http://x:4006/graphql' });
    const supergraph = loadSupergraph(config.supergraphPath, config.urlOverrides);
    expect(supergraph.unusedOverrides).toEqual(['proposals']);
    expect(supergraph.subgraphs.map((s) => s.name)).toEqual(['customers', 'sales']);
  });

  it('refuses a subgraph with neither a recorded URL nor an override', () => {
    const bare = path.join(dir, 'bare.graphql');
    writeFileSync(bare, composeSupergraph({ customers: '', sales: 'http://sales:4002/graphql' }));
    expect(() => loadSupergraph(bare, {})).toThrow(/SUBGRAPH_CUSTOMERS_URL/);
    expect(loadSupergraph(bare, { customers: 'http://c:4001/graphql' }).subgraphs[0]?.url).toBe('http://c:4001/graphql');
  });

  it('explains a missing supergraph file', () => {
    expect(() => loadSupergraph(path.join(dir, 'nope.graphql'), {})).toThrow(ConfigError);
    expect(() => loadSupergraph(path.join(dir, 'nope.graphql'), {})).toThrow(/npm run compose/);
  });
});

describe('gateway configuration', () => {
  it('applies the documented defaults', () => {
    const { env, production, supergraphPath } = loadGatewayConfig({ ALLOW_DEV_JWT_SECRET: 'true' });
    expect(env).toMatchObject({
      PORT: 4000,
      HOST: '127.0.0.1',
      SUBGRAPH_TIMEOUT_MS: 10_000,
      SUBGRAPH_DEDUPE: true,
      MAX_BODY_BYTES: 1024 * 1024,
      MAX_DEPTH: 12,
      MAX_ALIASES: 30,
      RATE_LIMIT_PER_MINUTE: 600,
      READY_REQUIRES_SUBGRAPHS: false,
    });
    expect(production).toBe(false);
    expect(supergraphPath).toMatch(/schemas[/\\]supergraph\.graphql$/);
  });

  it('sends every subgraph read on its own with SUBGRAPH_DEDUPE=false', () => {
    expect(loadGatewayConfig({ ALLOW_DEV_JWT_SECRET: 'true', SUBGRAPH_DEDUPE: 'false' }).env.SUBGRAPH_DEDUPE).toBe(false);
    expect(() => loadGatewayConfig({ ALLOW_DEV_JWT_SECRET: 'true', SUBGRAPH_DEDUPE: 'maybe' })).toThrow(ConfigError);
  });

  it('lists every invalid variable at once', () => {
    try {
      loadGatewayConfig({ PORT: 'eighty', MAX_DEPTH: '0', SUBGRAPH_SALES_URL: 'ftp://x' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/MAX_DEPTH/);
      expect(problems).toMatch(/SUBGRAPH_SALES_URL/);
    }
  });

  it('requires a real secret in production', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });
});
