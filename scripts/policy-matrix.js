#!/usr/bin/env node
'use strict';
// The policy matrix (issue #14): every Query and Mutation root field of the committed supergraph,
// called through the gateway once per role, each role in its own fresh tenant. A cell is DENIED
// when the answer carries FORBIDDEN or UNAUTHENTICATED, otherwise ALLOWED (NOT_FOUND, BAD_USER_INPUT,
// a conflict or data all mean the role got past the resolver's `authorize`). Written as
// schemas/policy-matrix.md (for people) and schemas/policy-matrix.json (for the check).
//   npm run policy-matrix -- [--gateway URL] [--check] [--concurrency N]
// --check: probe and compare with the committed JSON; exit 1 when it is stale (nothing written).
// Needs a running stack (`npm start`, or the test stack) and `npm run build` (roles and signing).

const { readFileSync, writeFileSync } = require('node:fs');
const { loadKit } = require('./kit');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { parseArgs } = require('node:util');

const ROOT = path.join(__dirname, '..');
const SUPERGRAPH = path.join(ROOT, 'schemas', 'supergraph.graphql');
const MATRIX_JSON = path.join(ROOT, 'schemas', 'policy-matrix.json');
const MATRIX_MD = path.join(ROOT, 'schemas', 'policy-matrix.md');

/**
 * Fine scopes a partner act needs on top of read/write (BRIEF: least privilege). The probe grants
 * them so a cell shows what the ROLE may do; a scope the kit does not know yet is left out (a token
 * carrying an unknown scope would be refused as a whole).
 */
const FINE_SCOPES = {
  registerPayment: ['payments:write'],
  importInvoice: ['billing:write'],
  receiveDigitalSaleRequest: ['digital-requests:write'],
};

/** The probe's caller id: generated ID arguments are 'x' too, so "only their own" checks pass. */
const PROBE_SUB = 'x';

// ---- schema walk -------------------------------------------------------------------------------

/** The supergraph as an executable-shape schema (join directives are declared in the file itself). */
function loadSchema(file = SUPERGRAPH) {
  const { buildASTSchema, parse } = require('graphql');
  return buildASTSchema(parse(readFileSync(file, 'utf8')), { assumeValidSDL: true });
}

function subgraphOf(field) {
  const graphs = new Set();
  for (const d of field.astNode?.directives ?? []) {
    if (d.name.value !== 'join__field') continue;
    const graph = d.arguments?.find((a) => a.name.value === 'graph');
    if (graph && graph.value.kind === 'EnumValue') graphs.add(graph.value.value.toLowerCase());
  }
  return [...graphs].sort().join(',') || '?';
}

/** A minimal valid value of an input type (only required input fields are filled, recursively). */
function sampleValue(type, depth = 0) {
  const g = require('graphql');
  if (g.isNonNullType(type)) return sampleValue(type.ofType, depth);
  if (g.isListType(type)) return [sampleValue(type.ofType, depth)];
  if (g.isEnumType(type)) return type.getValues()[0].name;
  if (g.isInputObjectType(type)) {
    if (depth > 8) throw new Error(`input ${type.name} nests too deep to sample`);
    const out = {};
    for (const f of Object.values(type.getFields())) {
      if (g.isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = sampleValue(f.type, depth + 1);
    }
    return out;
  }
  switch (type.name) {
    case 'ID':
    case 'String':
      return 'x';
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'Date':
      return '2026-01-01';
    case 'DateTime':
      return new Date().toISOString();
    default:
      throw new Error(`no sample for scalar ${type.name}`);
  }
}

/** The smallest selection: none for a scalar or enum, `__typename` for anything with fields. */
function selectionFor(type) {
  const g = require('graphql');
  return g.isLeafType(g.getNamedType(type)) ? '' : ' { __typename }';
}

/** One probe per root field: its operation text and variables. */
function rootFields(schema) {
  const fields = [];
  for (const [kind, root] of [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
  ]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const required = field.args.filter((a) => require('graphql').isNonNullType(a.type) && a.defaultValue === undefined);
      const decl = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const pass = required.map((a) => `${a.name}: $${a.name}`).join(', ');
      const variables = Object.fromEntries(required.map((a) => [a.name, sampleValue(a.type)]));
      const op = kind === 'Query' ? 'query' : 'mutation';
      fields.push({
        kind,
        name: field.name,
        subgraph: subgraphOf(field),
        scopes: [kind === 'Query' ? 'read' : 'write', ...(FINE_SCOPES[field.name] ?? [])],
        query: `${op} Probe${decl ? `(${decl})` : ''} { ${field.name}${pass ? `(${pass})` : ''}${selectionFor(field.type)} }`,
        variables,
      });
    }
  }
  return fields;
}

// ---- probing -----------------------------------------------------------------------------------

const DENIAL_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/**
 * ALLOWED / DENIED of one answer, the codes seen (for the report of odd cells), and whether the call
 * reached a resolver: an error other than a denial with no `path` and no data means the gateway
 * refused the probe itself (a generated argument it could not coerce), which says nothing about the
 * policy and must not pass for ALLOWED.
 */
function outcomeOf(body) {
  const errors = body.errors ?? [];
  const codes = [...new Set(errors.map((e) => e.extensions?.code ?? 'NO_CODE'))];
  const denied = codes.some((c) => DENIAL_CODES.has(c));
  const unreached = !denied && errors.length > 0 && body.data == null && errors.every((e) => !e.path);
  return { outcome: denied ? 'DENIED' : 'ALLOWED', codes, unreached, message: errors[0]?.message };
}

async function post(gatewayUrl, token, probe) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: probe.query, variables: probe.variables }),
      signal: AbortSignal.timeout(60_000),
    });
    // A rate-limited answer says nothing about the policy: wait as told and ask again.
    if (res.status === 429 && attempt < 5) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
      continue;
    }
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`${probe.name}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
    }
  }
}

/** Run `work` over items with at most `limit` in flight. */
async function pool(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Probe every root field with every role. Returns the matrix ({fields:[{kind,name,subgraph,scopes,
 * roles:{ROLE:'ALLOWED'|'DENIED'}}], roles}) and the cells whose answer was a fault, to look at.
 */
async function probeMatrix({ gatewayUrl, secret, concurrency = 4, schemaFile = SUPERGRAPH, roles } = {}) {
  const kit = loadKit();
  const allRoles = roles ?? [...kit.ROLES];
  const known = new Set(kit.SCOPES);
  const fields = rootFields(loadSchema(schemaFile));
  const run = randomUUID().slice(0, 8);
  const tokens = {};
  for (const role of allRoles) {
    // A fresh tenant per role: one role's writes never change what another role's probe meets.
    const tenant = `pm-${run}-${role.toLowerCase().replace(/_/g, '-')}`.slice(0, 63);
    tokens[role] = {};
    for (const f of fields) {
      const scopes = f.scopes.filter((s) => known.has(s));
      const key = ['read', 'write', ...scopes].join(' ');
      tokens[role][key] ??= await kit.signDevToken(
        secret ?? process.env.JWT_SECRET ?? kit.devJwtSecret,
        { sub: PROBE_SUB, tenant, roles: [role], scopes: [...new Set(['read', 'write', ...scopes])] },
        '30m',
      );
      f.tokenKey = key;
    }
  }
  const cells = fields.flatMap((f) => allRoles.map((role) => ({ f, role })));
  const answers = await pool(cells, concurrency, async ({ f, role }) => outcomeOf(await post(gatewayUrl, tokens[role][f.tokenKey], f)));
  const odd = [];
  const unreached = [];
  const byField = new Map(fields.map((f) => [`${f.kind}.${f.name}`, { kind: f.kind, name: f.name, subgraph: f.subgraph, scopes: f.scopes, roles: {} }]));
  cells.forEach(({ f, role }, i) => {
    const a = answers[i];
    byField.get(`${f.kind}.${f.name}`).roles[role] = a.outcome;
    if (a.unreached) unreached.push(`${f.kind}.${f.name} as ${role}: ${a.codes.join(',')} ${a.message ?? ''}`);
    else if (a.codes.includes('INTERNAL_SERVER_ERROR') || a.codes.includes('NO_CODE')) odd.push(`${f.kind}.${f.name} as ${role}: ${a.codes.join(',')}`);
  });
  return { matrix: { roles: allRoles, fields: [...byField.values()] }, odd, unreached };
}

// ---- rendering and comparing -------------------------------------------------------------------

function renderJson(matrix) {
  return `${JSON.stringify(matrix, null, 2)}\n`;
}

/** Short column names: initials, or the first two letters of each word where initials collide. */
function abbreviations(roles) {
  const initials = (r) =>
    r
      .split('_')
      .map((w) => w[0])
      .join('');
  const counts = {};
  for (const r of roles) counts[initials(r)] = (counts[initials(r)] ?? 0) + 1;
  return Object.fromEntries(
    roles.map((r) => [
      r,
      counts[initials(r)] > 1
        ? r
            .split('_')
            .map((w) => w[0] + w[1].toLowerCase())
            .join('')
        : initials(r),
    ]),
  );
}

function renderMarkdown(matrix) {
  const short = abbreviations(matrix.roles);
  const abbrev = (role) => short[role];
  const lines = [
    '# Policy matrix',
    '',
    'Generated by `npm run policy-matrix` from `schemas/supergraph.graphql` and the running graph: every',
    'root field called through the gateway once per role (each role in its own fresh tenant, a token with',
    'the scopes of the column "Scopes", caller id and every generated ID `x`, minimal valid arguments).',
    '`✓` = ALLOWED (the resolver let the role past its policy: data, NOT_FOUND, BAD_USER_INPUT, …),',
    '`·` = DENIED (FORBIDDEN / UNAUTHENTICATED). "Only their own" checks are inside some ALLOWED cells (see',
    'the field descriptions). Do not edit: `test/e2e/policy-matrix.test.ts` fails when this is stale.',
    '',
    'Roles: ' + matrix.roles.map((r) => `${abbrev(r)} = ${r}`).join(', ') + '.',
  ];
  for (const kind of ['Query', 'Mutation']) {
    lines.push('', `## ${kind}`, '');
    lines.push(`| Field | Subgraph | Scopes | ${matrix.roles.map(abbrev).join(' | ')} |`);
    lines.push(`|---|---|---|${matrix.roles.map(() => ':-:').join('|')}|`);
    const rows = matrix.fields.filter((f) => f.kind === kind).sort((a, b) => a.subgraph.localeCompare(b.subgraph) || a.name.localeCompare(b.name));
    for (const f of rows) {
      lines.push(`| \`${f.name}\` | ${f.subgraph} | ${f.scopes.join(' ')} | ${matrix.roles.map((r) => (f.roles[r] === 'ALLOWED' ? '✓' : '·')).join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Differences between two matrices, one line each (empty when equal). */
function diffMatrices(committed, probed) {
  const out = [];
  const key = (f) => `${f.kind}.${f.name}`;
  const a = new Map((committed?.fields ?? []).map((f) => [key(f), f]));
  const b = new Map(probed.fields.map((f) => [key(f), f]));
  if (JSON.stringify(committed?.roles) !== JSON.stringify(probed.roles))
    out.push(`roles: committed ${JSON.stringify(committed?.roles)}, now ${JSON.stringify(probed.roles)}`);
  for (const [k, f] of b) {
    const c = a.get(k);
    if (!c) {
      out.push(`${k}: not in the committed matrix`);
      continue;
    }
    if (c.subgraph !== f.subgraph || JSON.stringify(c.scopes) !== JSON.stringify(f.scopes)) out.push(`${k}: subgraph/scopes changed`);
    for (const role of probed.roles) if (c.roles?.[role] !== f.roles[role]) out.push(`${k} as ${role}: committed ${c.roles?.[role]}, now ${f.roles[role]}`);
  }
  for (const k of a.keys()) if (!b.has(k)) out.push(`${k}: in the committed matrix, no longer in the supergraph`);
  return out;
}

function write(matrix) {
  writeFileSync(MATRIX_JSON, renderJson(matrix));
  writeFileSync(MATRIX_MD, renderMarkdown(matrix));
}

function readCommitted() {
  try {
    return JSON.parse(readFileSync(MATRIX_JSON, 'utf8'));
  } catch {
    return null;
  }
}

// ---- CLI ---------------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({
    options: {
      gateway: { type: 'string' },
      check: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run policy-matrix -- [--gateway URL] [--check] [--concurrency N]\n' +
        '  Probes every root field × role through the gateway (default VINCULO_GATEWAY_URL, else\n' +
        '  http://127.0.0.1:$PORT/graphql, PORT default 4000) and writes schemas/policy-matrix.{md,json};\n' +
        '  --check compares with the committed matrix instead and exits 1 when it is stale.\n' +
        '  Signs with JWT_SECRET, else the local development secret.\n',
    );
    return;
  }
  const gatewayUrl = values.gateway ?? process.env.VINCULO_GATEWAY_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}/graphql`;
  const started = Date.now();
  const { matrix, odd, unreached } = await probeMatrix({ gatewayUrl, concurrency: Number(values.concurrency) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const cells = matrix.fields.length * matrix.roles.length;
  process.stderr.write(`policy-matrix: ${matrix.fields.length} root fields × ${matrix.roles.length} roles = ${cells} calls in ${seconds} s\n`);
  for (const o of odd) process.stderr.write(`policy-matrix: fault answer (look at it): ${o}\n`);
  if (unreached.length) {
    process.stderr.write(`policy-matrix: probes the gateway refused before any resolver (fix the argument generator):\n  ${unreached.join('\n  ')}\n`);
    process.exit(2);
  }
  if (values.check) {
    const diff = diffMatrices(readCommitted(), matrix);
    if (diff.length) {
      process.stderr.write(`policy-matrix: schemas/policy-matrix.json is stale (run npm run policy-matrix):\n  ${diff.join('\n  ')}\n`);
      process.exit(1);
    }
    process.stderr.write('policy-matrix: the committed matrix is current\n');
    return;
  }
  write(matrix);
  process.stderr.write('policy-matrix: wrote schemas/policy-matrix.md and schemas/policy-matrix.json\n');
}

module.exports = { probeMatrix, rootFields, loadSchema, sampleValue, renderJson, renderMarkdown, diffMatrices, readCommitted, write, MATRIX_JSON, MATRIX_MD };

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`policy-matrix: ${err.message}\n`);
    process.exit(2);
  });
}
