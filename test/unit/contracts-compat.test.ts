/**
 * Issue #17 guardrail: no breaking change of a contract slips through. Every subgraph SDL and the
 * supergraph (graphql-inspector) and every event contract of schemas/events are compared with the
 * baseline commit (docs/adr/0008: the merge base with main, else the previous commit). A breaking change
 * fails here unless it is a new contract version or listed with its reason in schemas/compat-allow.json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { compatBaseline, filesAt } from './compat/baseline';
import { eventContractBreaks } from './compat/event-contracts';

const ROOT = path.join(__dirname, '../..');
const SCHEMAS = path.join(ROOT, 'schemas');
const EVENTS = path.join(SCHEMAS, 'events');

/** Deliberate breaks, each with its reason: `[{ "file": "schemas/x.graphql", "change": "text of the change", "reason": "…" }]`. */
const allowed: { file: string; change: string; reason: string }[] = existsSync(path.join(SCHEMAS, 'compat-allow.json'))
  ? JSON.parse(readFileSync(path.join(SCHEMAS, 'compat-allow.json'), 'utf8'))
  : [];
const notAllowed = (file: string, changes: string[]) => changes.filter((c) => !allowed.some((a) => a.file === file && c.includes(a.change)));

/** Federation SDL has directives and link types no plain schema defines: build it without validation. */
const schemaOf = (sdl: string): GraphQLSchema => buildASTSchema(parse(sdl), { assumeValidSDL: true, assumeValid: true });

const baseline = compatBaseline(ROOT);
const sdlFiles = readdirSync(SCHEMAS)
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => `schemas/${f}`);
const eventFiles = readdirSync(EVENTS)
  .filter((f) => f.endsWith('.schema.json'))
  .map((f) => `schemas/events/${f}`);
const eventFilesBefore = baseline ? listAt(baseline.rev) : [];
/** The baseline's text of every contract file, read once (a file new since then maps to null). */
const before = baseline ? filesAt(ROOT, baseline.rev, [...sdlFiles, ...eventFiles]) : new Map<string, string | null>();

describe(`contracts compared with the baseline (${baseline ? `${baseline.how} = ${baseline.rev.slice(0, 10)}` : 'none: no history'})`, () => {
  test('a baseline is found, or the clone has no history to compare with', () => {
    if (!baseline) console.warn('contracts-compat: no baseline commit (shallow or one-commit clone): nothing compared');
    expect(baseline === null || /^[0-9a-f]{40}$/.test(baseline.rev)).toBe(true);
  });

  test.each(sdlFiles)('%s has no breaking change (graphql-inspector)', async (file) => {
    if (!baseline) return;
    const old = before.get(file);
    if (old == null) return; // a new subgraph: nothing to break
    const changes = await diff(schemaOf(old), schemaOf(readFileSync(path.join(ROOT, file), 'utf8')));
    const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking).map((c) => c.message);
    expect(notAllowed(file, breaking)).toEqual([]);
  });

  test('no event contract of the baseline was deleted (a version is retired by a new one, not by removal)', () => {
    if (!baseline) return;
    expect(
      notAllowed(
        'schemas/events',
        eventFilesBefore
          .filter((f) => f.endsWith('.schema.json'))
          .filter((f) => !eventFiles.includes(f))
          .map((f) => `${f} removed`),
      ),
    ).toEqual([]);
  });

  test.each(eventFiles)('%s changes only compatibly (optional additions) since the baseline', (file) => {
    if (!baseline) return;
    const old = before.get(file);
    if (old == null) return; // a new contract or a new version
    const breaks = eventContractBreaks(JSON.parse(old), JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(notAllowed(file, breaks)).toEqual([]);
  });
});

function listAt(rev: string): string[] {
  return execFileSync('git', ['ls-tree', '--name-only', `${rev}:schemas/events`], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((f) => `schemas/events/${f}`);
}

describe('the event-contract comparison itself', () => {
  const base = {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: { id: { type: 'string', maxLength: 40 }, kind: { type: 'string', enum: ['A', 'B'] }, n: { type: 'integer', minimum: 0 } },
  };
  test('adding an optional property or widening is compatible', () => {
    expect(eventContractBreaks(base, { ...base, properties: { ...base.properties, note: { type: 'string' } } })).toEqual([]);
    expect(
      eventContractBreaks(base, {
        ...base,
        properties: { ...base.properties, kind: { type: 'string', enum: ['A', 'B', 'C'] }, n: { type: 'number', minimum: -1 } },
      }),
    ).toEqual([]);
  });
  test('removing, retyping, newly requiring, narrowing or closing is breaking', () => {
    const { kind: _k, ...withoutKind } = base.properties;
    expect(eventContractBreaks(base, { ...base, properties: withoutKind })).toEqual(['$.kind: property removed']);
    expect(eventContractBreaks(base, { ...base, properties: { ...base.properties, id: { type: 'integer' } } })).toEqual(['$.id: type string → integer']);
    expect(eventContractBreaks(base, { ...base, required: ['id', 'n'] })).toEqual(['$: n newly required']);
    expect(eventContractBreaks(base, { ...base, properties: { ...base.properties, kind: { type: 'string', enum: ['A'] } } })).toEqual([
      '$.kind: enum loses "B"',
    ]);
    expect(eventContractBreaks(base, { ...base, properties: { ...base.properties, id: { type: 'string', maxLength: 20 } } })).toEqual([
      '$.id: maxLength 40 → 20',
    ]);
    expect(eventContractBreaks({ ...base, additionalProperties: true }, base)).toEqual(['$: additionalProperties closed']);
  });
});
