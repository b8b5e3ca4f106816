/**
 * The typed event map (services/common/scripts/event-types.js → src/events/__generated__/event-types.ts,
 * made by `npm run codegen`), the handler map helpers and the newest-version-wins write rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  EVENT_CONTRACTS,
  handlerOf,
  handlersFor,
  mergeHandlers,
  newestWinsFilter,
  newestWinsUpdate,
  sourcesOf,
  type AnyEvent,
  type Handlers,
} from '@vinculo/common';

/* eslint-disable @typescript-eslint/no-require-imports */
const generator = require('../scripts/event-types') as {
  generateEventTypes: (schemas: Record<string, unknown>) => string;
  interfaceName: (type: string, version: number) => string;
  DEFAULT_DIR: string;
  DEFAULT_OUT: string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const dir = path.join(__dirname, '../../../schemas/events');
const files = readdirSync(dir).filter((f) => /\.v\d+\.schema\.json$/.test(f));

describe('generated event map', () => {
  test('lists every contract file of schemas/events, and nothing else', () => {
    const listed = EVENT_CONTRACTS.map((c) => `${c.type}.v${c.version}.schema.json`).sort();
    expect(listed).toEqual([...files].sort());
    expect(files.length).toBeGreaterThan(60);
  });

  test('the generated file is what the generator makes of the contracts now (the build regenerates it)', () => {
    const schemas: Record<string, unknown> = {};
    for (const f of [...files, 'envelope.schema.json']) schemas[f] = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    expect(readFileSync(generator.DEFAULT_OUT, 'utf8')).toBe(generator.generateEventTypes(schemas));
  });

  test('one object type per contract version, named by source, fact and version', () => {
    const text = readFileSync(generator.DEFAULT_OUT, 'utf8');
    for (const c of EVENT_CONTRACTS) {
      const name = generator.interfaceName(c.type, c.version);
      expect(text).toContain(`export type ${name} = {`);
      expect(text).toContain(`'${c.type}': ${name}`);
    }
    // Two subgraphs publish a ChargeRequested: the names do not collide.
    expect(generator.interfaceName('postsale.ChargeRequested', 1)).not.toBe(generator.interfaceName('techsupport.ChargeRequested', 1));
  });
});

describe('generator', () => {
  const contract = (properties: Record<string, unknown>, required: string[] = []) => ({
    'x.Thing.v1.schema.json': { title: 'x.Thing v1', description: 'A thing.', type: 'object', additionalProperties: false, required, properties },
  });
  const body = (text: string) => /export type XThingV1 = (\{[\s\S]*?\n\});/.exec(text)?.[1] ?? '';

  test('required and optional fields, nullable types, enums with null, nested objects and arrays', () => {
    const text = generator.generateEventTypes(
      contract(
        {
          id: { type: 'string', minLength: 1 },
          note: { type: ['string', 'null'] },
          count: { type: 'integer', minimum: 0 },
          ratio: { type: ['number', 'null'] },
          on: { type: 'boolean' },
          at: { type: 'string', format: 'date-time', description: 'When' },
          kind: { enum: ['A', 'B'] },
          maybe: { type: ['string', 'null'], enum: ['X', null] },
          tags: { type: 'array', items: { type: 'string' } },
          lines: {
            type: 'array',
            items: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string' }, qty: { type: 'integer' } } },
          },
          where: { type: ['object', 'null'], additionalProperties: false, required: ['lat'], properties: { lat: { type: 'number' } } },
          bag: { type: 'object' },
        },
        ['id', 'note', 'kind', 'lines'],
      ),
    );
    const t = body(text);
    expect(t).toContain('  id: string;');
    expect(t).toContain('  note: string | null;');
    expect(t).toContain('  count?: number;');
    expect(t).toContain('  ratio?: number | null;');
    expect(t).toContain('  on?: boolean;');
    expect(t).toMatch(/\/\*\* When @format date-time \*\/\n {2}at\?: string;/);
    expect(t).toContain("  kind: 'A' | 'B';");
    expect(t).toContain("  maybe?: 'X' | null;");
    expect(t).toContain('  tags?: string[];');
    expect(t).toMatch(/ {2}lines: Array<\{\n {4}code: string;\n {4}qty\?: number;\n {2}\}>;/);
    expect(t).toMatch(/ {2}where\?: \{\n {4}lat: number;\n {2}\} \| null;/);
    expect(t).toContain('  bag?: Record<string, unknown>;');
    expect(text).toContain("  'x.Thing': XThingV1;");
    expect(text).toContain("  'x.Thing': { 1: XThingV1 };");
  });

  test("several versions of one type: each named, and the type's data is their union", () => {
    const text = generator.generateEventTypes({
      'x.Thing.v1.schema.json': { type: 'object', properties: { a: { type: 'string' } } },
      'x.Thing.v2.schema.json': { type: 'object', properties: { b: { type: 'string' } } },
    });
    expect(text).toContain("  'x.Thing': XThingV1 | XThingV2;");
    expect(text).toContain("  'x.Thing': { 1: XThingV1; 2: XThingV2 };");
    expect(text).toContain("  { type: 'x.Thing', version: 1 },\n  { type: 'x.Thing', version: 2 },");
  });

  test('a keyword it does not translate fails the build instead of guessing a type', () => {
    expect(() => generator.generateEventTypes(contract({ a: { oneOf: [{ type: 'string' }, { type: 'integer' }] } }))).toThrow(/oneOf/);
    expect(() => generator.generateEventTypes(contract({ a: { type: 'string' } }, ['b']))).toThrow(/required "b"/);
  });
});

describe('handler maps', () => {
  const calls: string[] = [];
  const h = (name: string) => async () => {
    calls.push(name);
  };
  const event = { type: 'customers.CustomerRegistered' } as AnyEvent;

  test('the topics a consumer reads are the sources of the types it handles', () => {
    const handlers: Handlers = { 'sales.SalesOrderPlaced': h('a'), 'customers.CustomerRegistered': h('b'), 'customers.EmployeeRegistered': h('c') };
    expect(sourcesOf(handlers)).toEqual(['customers', 'sales']);
    expect(sourcesOf({})).toEqual([]);
  });

  test('merged handlers of one type run in order, the others as they were', async () => {
    calls.length = 0;
    const merged = mergeHandlers(
      { 'customers.CustomerRegistered': h('first') },
      { 'customers.CustomerRegistered': h('second'), 'sales.PlanChanged': h('plan') },
    );
    await handlerOf(merged, 'customers.CustomerRegistered')!(event);
    expect(calls).toEqual(['first', 'second']);
    expect(sourcesOf(merged)).toEqual(['customers', 'sales']);
  });

  test('one handler for many types', () => {
    const all = handlersFor(['customers.CustomerRegistered', 'techsupport.WorkOrderClosed'], h('any'));
    expect(Object.keys(all).sort()).toEqual(['customers.CustomerRegistered', 'techsupport.WorkOrderClosed']);
  });
});

describe('newest version wins', () => {
  test('the write matches only an entry whose stored version is lower (absent: the upsert inserts)', () => {
    expect(newestWinsFilter({ key: { _id: 't1', tenantId: 't' }, field: 'tenantVersion', version: 4 })).toEqual({
      _id: 't1',
      tenantId: 't',
      tenantVersion: { $lt: 4 },
    });
  });

  test('the update sets the snapshot with its version, and the insert-only fields apart', () => {
    expect(newestWinsUpdate({ field: 'planVersion', version: 2, set: { name: 'Fibra 100' } })).toEqual({ $set: { name: 'Fibra 100', planVersion: 2 } });
    expect(newestWinsUpdate({ field: 'asOf', version: '2026-01-01T00:00:00.000Z', set: { a: 1 }, setOnInsert: { month: '2026-01' } })).toEqual({
      $set: { a: 1, asOf: '2026-01-01T00:00:00.000Z' },
      $setOnInsert: { month: '2026-01' },
    });
  });
});
