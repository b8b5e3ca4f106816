#!/usr/bin/env node
'use strict';
/**
 * Typed event map from the event contracts: reads schemas/events/<type>.v<N>.schema.json and writes
 * services/common/src/events/__generated__/event-types.ts (not committed; `npm run codegen` makes it,
 * before `tsc -b`). One object type per contract version (the envelope's `data`), named
 * <Source><Fact>V<N> (`sales.SalesOrderPlaced` v1 → SalesSalesOrderPlacedV1: two subgraphs may publish
 * the same fact name), and the maps the kit types handlers and producers with:
 *   EventVersionMap[type][version] — one contract version's data;
 *   EventDataMap[type]             — the data of every version of the type (a union when several);
 *   EventType                      — every contract's type; EVENT_CONTRACTS lists them with versions.
 * The contracts are flat JSON Schema (objects, arrays, enums, `type: [x, "null"]`), which is all this
 * translates; anything else fails the build rather than guessing a type.
 */
const { readdirSync, readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const CONTRACT = /^([a-z]+)\.([A-Z][A-Za-z]+)\.v(\d+)\.schema\.json$/;
/** Keywords that only constrain values (validated by ajv at runtime), not their TypeScript type. */
const CONSTRAINTS = new Set([
  'title',
  'description',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
  '$id',
  '$schema',
]);
const PRIMITIVE = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean', null: 'null' };

const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** The interface name of one contract version. */
function interfaceName(type, version) {
  const [source, fact] = type.split('.');
  return `${pascal(source)}${fact}V${version}`;
}

/** `{ type, version, file }` of each contract file name (others ignored), sorted by type then version. */
function contractsOf(fileNames) {
  return fileNames
    .map((file) => {
      const m = CONTRACT.exec(file);
      return m ? { type: `${m[1]}.${m[2]}`, version: Number(m[3]), file } : null;
    })
    .filter(Boolean)
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.version - b.version));
}

function literal(v) {
  if (v === null) return 'null';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Error(`enum value ${JSON.stringify(v)} is not a scalar`);
}

function doc(schema, indent) {
  const notes = [];
  if (schema.description) notes.push(String(schema.description));
  if (schema.format) notes.push(`@format ${schema.format}`);
  if (!notes.length) return '';
  return `${indent}/** ${notes.join(' ').replace(/\*\//g, '*\\/')} */\n`;
}

/** The TypeScript type of a schema node; `at` names it in errors. */
function typeOf(schema, at, indent) {
  if (schema === true || (schema && Object.keys(schema).every((k) => CONSTRAINTS.has(k)))) return 'unknown';
  if (!schema || typeof schema !== 'object') throw new Error(`${at}: not a schema`);
  for (const k of Object.keys(schema)) {
    if (!CONSTRAINTS.has(k) && !['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items'].includes(k)) {
      throw new Error(`${at}: keyword "${k}" is not translated to a type (extend services/common/scripts/event-types.js)`);
    }
  }
  if ('const' in schema) return literal(schema.const);
  if (schema.enum) {
    // A nullable enum (`type: ["string", "null"]`) lists null among its values too.
    const values = schema.enum.map(literal);
    const types = schema.type === undefined ? [] : [].concat(schema.type);
    if (types.includes('null') && !values.includes('null')) values.push('null');
    return values.join(' | ');
  }
  const types = [].concat(schema.type ?? []);
  if (!types.length) throw new Error(`${at}: no type`);
  return types.map((t) => single(schema, t, at, indent)).join(' | ');
}

function single(schema, t, at, indent) {
  if (PRIMITIVE[t]) return PRIMITIVE[t];
  if (t === 'array') {
    if (!schema.items) return 'unknown[]';
    const item = typeOf(schema.items, `${at}[]`, indent);
    return /^[\w.]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
  }
  if (t === 'object') return objectType(schema, at, indent);
  throw new Error(`${at}: type "${t}" is not translated`);
}

function objectType(schema, at, indent) {
  const props = schema.properties;
  const extra = schema.additionalProperties;
  if (!props) {
    if (extra && typeof extra === 'object') return `Record<string, ${typeOf(extra, `${at}{}`, indent)}>`;
    return 'Record<string, unknown>';
  }
  if (extra !== undefined && extra !== false) throw new Error(`${at}: properties with additionalProperties are not translated`);
  const required = new Set(schema.required ?? []);
  for (const r of required) if (!(r in props)) throw new Error(`${at}: required "${r}" is not a property`);
  const inner = `${indent}  `;
  const lines = Object.entries(props).map(([name, prop]) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
    return `${doc(prop, inner)}${inner}${key}${required.has(name) ? '' : '?'}: ${typeOf(prop, `${at}.${name}`, inner)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * The whole module for these contracts (`schemas`: file name → parsed JSON Schema; the envelope's,
 * `envelope.schema.json`, gives the sources that publish).
 */
function generateEventTypes(schemas) {
  const contracts = contractsOf(Object.keys(schemas));
  const envelope = schemas['envelope.schema.json'];
  const out = ['// Generated by services/common/scripts/event-types.js from schemas/events (npm run codegen). Do not edit.', '/* eslint-disable */', ''];
  for (const c of contracts) {
    const schema = schemas[c.file];
    if (schema.type !== 'object' || !schema.properties) throw new Error(`${c.file}: a contract's data is an object with properties`);
    out.push(`/** ${c.type} v${c.version}${schema.description ? `: ${String(schema.description).replace(/\*\//g, '*\\/')}` : ''} */`);
    // A type alias, not an interface: object types written as aliases are assignable to
    // Record<string, unknown>, which is what envelopes and the outbox take.
    out.push(`export type ${interfaceName(c.type, c.version)} = ${objectType(schema, c.file, '')};`, '');
  }
  const byType = new Map();
  for (const c of contracts) byType.set(c.type, [...(byType.get(c.type) ?? []), c.version]);
  out.push("/** Each contract version's data, by event type and version. */");
  out.push('export interface EventVersionMap {');
  for (const [type, versions] of byType) {
    out.push(`  '${type}': { ${versions.map((v) => `${v}: ${interfaceName(type, v)}`).join('; ')} };`);
  }
  out.push('}', '');
  out.push("/** The data of an event type: the union of its versions' data when it has several (narrow by the envelope's `version`). */");
  out.push('export interface EventDataMap {');
  for (const [type, versions] of byType) out.push(`  '${type}': ${versions.map((v) => interfaceName(type, v)).join(' | ')};`);
  out.push('}', '');
  out.push('/** Every event type with a contract. */');
  out.push('export type EventType = keyof EventDataMap;', '');
  if (envelope) {
    const sources = envelope.properties && envelope.properties.source && envelope.properties.source.enum;
    if (!sources) throw new Error('envelope.schema.json: no source enum');
    out.push("/** The subgraphs that publish events (the envelope's `source`). */");
    out.push(`export type EventSource = ${sources.map(literal).join(' | ')};`, '');
  }
  out.push('/** Every contract (type and version), as the files in schemas/events name them. */');
  out.push('export const EVENT_CONTRACTS = [');
  for (const c of contracts) out.push(`  { type: '${c.type}', version: ${c.version} },`);
  out.push('] as const satisfies readonly { type: EventType; version: number }[];', '');
  return out.join('\n');
}

/** Read the contracts of `dir`, write the module to `outFile`. */
function writeEventTypes(dir, outFile) {
  const schemas = {};
  for (const file of readdirSync(dir))
    if (CONTRACT.test(file) || file === 'envelope.schema.json') schemas[file] = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const text = generateEventTypes(schemas);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  return { contracts: contractsOf(Object.keys(schemas)).length, outFile };
}

const DEFAULT_DIR = path.join(__dirname, '../../../schemas/events');
const DEFAULT_OUT = path.join(__dirname, '../src/events/__generated__/event-types.ts');

module.exports = { generateEventTypes, contractsOf, interfaceName, writeEventTypes, DEFAULT_DIR, DEFAULT_OUT };

if (require.main === module) {
  const { contracts, outFile } = writeEventTypes(DEFAULT_DIR, DEFAULT_OUT);
  console.log(`event types: ${contracts} contracts → ${path.relative(process.cwd(), outFile)}`);
}
