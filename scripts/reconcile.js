#!/usr/bin/env node
'use strict';
// The nightly reconciliation report (issue #12): for each tenant, ask the gateway for
// `reconciliation` with an ADMIN token, print a summary, write the whole answer as JSON.
//   npm run reconcile -- [--tenant T ...] [--out report.json] [--gateway URL] [--settle-minutes N]
// Exit 0 when every tenant's report is empty, 1 when any discrepancy or fault exists, 2 when a
// report could not be read (gateway down, a section missing): the job fails in both cases.

const { writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const DEMO_TENANTS = ['coop-telecom', 'aseo-urbano', 'ciber-mx'];
const SECTIONS = ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals'];
const QUERY = `query Reconciliation($before: DateTime) { reconciliation(settledBefore: $before) { tenantId cutoff ${SECTIONS.map(
  (s) => `${s} { subgraph discrepancies { invariant entityIds since detail } faults { id kind eventId type source reason since attempts } }`,
).join(' ')} } }`;

const USAGE = `Usage: npm run reconcile -- [options]

  --tenant <id>          a tenant to check, repeatable (default: RECONCILE_TENANTS, comma-separated,
                         else the demo tenants ${DEMO_TENANTS.join(', ')})
  --out <file>           write every report as JSON there (default: print only)
  --gateway <url>        the gateway's GraphQL URL (default: VINCULO_GATEWAY_URL, else
                         http://127.0.0.1:$PORT/graphql with PORT default 4000)
  --settle-minutes <n>   ignore facts of the last n minutes, still in flight (default 0)
  -h, --help             show this help

Tokens: RECONCILE_TOKEN_<TENANT> (upper case, dashes as _) when set — e.g. one issued by the identity
provider in production — else an ADMIN token signed with JWT_SECRET (else the local dev secret).
Exit 0: every report empty; 1: a discrepancy or fault; 2: a report could not be read.`;

function fail(message) {
  process.stderr.write(`reconcile: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        tenant: { type: 'string', multiple: true },
        out: { type: 'string' },
        gateway: { type: 'string' },
        'settle-minutes': { type: 'string', default: '0' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(err.message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const fromEnv = (process.env.RECONCILE_TENANTS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const tenants = values.tenant?.length ? values.tenant : fromEnv.length ? fromEnv : DEMO_TENANTS;
  for (const t of tenants) if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(t)) fail(`tenant "${t}" must be lower case letters, digits and dashes`);
  const settle = Number(values['settle-minutes']);
  if (!Number.isFinite(settle) || settle < 0) fail('--settle-minutes must be a number ≥ 0');
  const gateway = values.gateway ?? process.env.VINCULO_GATEWAY_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}/graphql`;
  return { tenants: [...new Set(tenants)], out: values.out, gateway, settleMinutes: settle };
}

function loadKit() {
  const dist = path.join(__dirname, '..', 'services', 'common', 'dist');
  try {
    // Only what signing needs: the kit's index would also load the Mongo and Kafka clients.
    return { ...require(path.join(dist, 'auth', 'jwt.js')), ...require(path.join(dist, 'config', 'env.js')) };
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND') fail('the shared kit is not built yet; run `npm run build` first');
    throw err;
  }
}

async function tokenFor(kit, tenant) {
  const given = process.env[`RECONCILE_TOKEN_${tenant.toUpperCase().replace(/-/g, '_')}`];
  if (given) return given;
  return kit.signDevToken(process.env.JWT_SECRET || kit.devJwtSecret, { sub: 'reconciliation-job', tenant, roles: ['ADMIN'], scopes: ['read'] }, '15m');
}

/** One tenant's report: { tenant, ok, report } or { tenant, error }. */
async function reconcile(kit, gateway, tenant, before) {
  try {
    const res = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(kit, tenant)}` },
      body: JSON.stringify({ query: QUERY, variables: { before } }),
      signal: AbortSignal.timeout(120_000),
    });
    const body = await res.json();
    const report = body.data?.reconciliation;
    const missing = report ? SECTIONS.filter((s) => !report[s]) : SECTIONS;
    if (body.errors?.length || missing.length) {
      // A partial report is not a clean one: the sections that did not answer are named.
      return { tenant, error: { status: res.status, missingSections: missing, errors: body.errors ?? [] }, report: report ?? null };
    }
    return { tenant, report };
  } catch (err) {
    return { tenant, error: { message: err && err.message ? err.message : String(err) }, report: null };
  }
}

function summarize(r) {
  const lines = [];
  if (r.error) {
    lines.push(
      `${r.tenant}: COULD NOT CHECK — ${r.error.message ?? `${r.error.errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ')}${r.error.missingSections?.length ? ` (missing: ${r.error.missingSections.join(', ')})` : ''}`}`,
    );
  }
  const report = r.report;
  if (!report) return { lines, discrepancies: 0, faults: 0 };
  let discrepancies = 0;
  let faults = 0;
  for (const s of SECTIONS) {
    for (const d of report[s]?.discrepancies ?? []) {
      discrepancies++;
      lines.push(`  [${s}] ${d.invariant} ${d.entityIds.join(' ')} since ${d.since}: ${d.detail}`);
    }
    for (const f of report[s]?.faults ?? []) {
      faults++;
      lines.push(`  [${s}] ${f.kind} ${f.type ?? '?'} ${f.eventId ?? f.id} since ${f.since}: ${f.reason}`);
    }
  }
  if (!r.error) lines.unshift(`${r.tenant}: ${discrepancies} discrepancies, ${faults} faults (cutoff ${report.cutoff})`);
  return { lines, discrepancies, faults };
}

async function main() {
  const opts = options();
  const kit = loadKit();
  const before = opts.settleMinutes > 0 ? new Date(Date.now() - opts.settleMinutes * 60_000).toISOString() : null;
  const results = [];
  for (const tenant of opts.tenants) results.push(await reconcile(kit, opts.gateway, tenant, before));
  let status = 0;
  const tenants = results.map((r) => {
    const s = summarize(r);
    for (const line of s.lines) process.stdout.write(`${line}\n`);
    if (r.error) status = 2;
    else if ((s.discrepancies || s.faults) && status === 0) status = 1;
    return {
      tenant: r.tenant,
      clean: !r.error && s.discrepancies === 0 && s.faults === 0,
      discrepancies: s.discrepancies,
      faults: s.faults,
      ...(r.error ? { error: r.error } : {}),
      report: r.report,
    };
  });
  if (opts.out) {
    mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify({ generatedAt: new Date().toISOString(), gateway: opts.gateway, settledBefore: before, tenants }, null, 2)}\n`);
    process.stdout.write(`report written to ${opts.out}\n`);
  }
  process.stdout.write(
    status === 0
      ? 'reconciliation: every report is empty\n'
      : status === 1
        ? 'reconciliation: discrepancies or faults found\n'
        : 'reconciliation: a report could not be read\n',
  );
  process.exit(status);
}

main().catch((err) => {
  process.stderr.write(`reconcile: ${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(2);
});
