#!/usr/bin/env node
'use strict';
// Print a development token (HS256) for the gateway and the subgraphs.
//   npm run token -- --tenant demo --role ACCOUNT_EXECUTIVE [--role X] [--sub user-1] [--scope reporting] [--ttl 12h]
// Signed with JWT_SECRET, else the kit's local dev secret. Only the token goes to stdout, so
// `TOKEN=$(npm run -s token -- --tenant demo --role ADMIN)` works; a summary goes to stderr.

const { loadKit, KitNotBuilt } = require('./kit');
const { parseArgs } = require('node:util');

const USAGE = `Usage: npm run token -- --tenant <tenant> --role <ROLE> [--role <ROLE> ...] [options]

  --tenant <id>     tenant the token is scoped to (lower case, digits, dashes), e.g. demo
  --role <ROLE>     a role, repeatable; one of:
                    %ROLES%
  --sub <id>        subject (user id); default user-1
  --scope <scope>   extra scope, repeatable (read and write are always included); one of: %SCOPES%
  --ttl <duration>  lifetime such as 30m, 12h, 7d; default 12h
  -h, --help        show this help

Signs with JWT_SECRET when set, else the local development secret.`;

const TENANT = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TTL = /^[1-9]\d*\s?(s|m|h|d|w)$/;

function loadKitOrFail() {
  try {
    return loadKit();
  } catch (err) {
    if (err instanceof KitNotBuilt) fail(err.message, false);
    throw err;
  }
}

function fail(message, showUsage, kit) {
  process.stderr.write(`token: ${message}\n`);
  if (showUsage) process.stderr.write(`\n${usage(kit)}\n`);
  process.exit(2);
}

function usage(kit) {
  return USAGE.replace('%ROLES%', kit ? kit.ROLES.join(', ') : '(see services/common/src/auth/roles.ts)').replace(
    '%SCOPES%',
    kit ? kit.SCOPES.join(', ') : 'read, write, reporting',
  );
}

async function main() {
  const kit = loadKitOrFail();
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        tenant: { type: 'string' },
        role: { type: 'string', multiple: true },
        sub: { type: 'string', default: 'user-1' },
        scope: { type: 'string', multiple: true },
        ttl: { type: 'string', default: '12h' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(err.message, true, kit);
  }
  if (values.help) {
    process.stdout.write(`${usage(kit)}\n`);
    return;
  }

  const problems = [];
  if (!values.tenant) problems.push('--tenant is required');
  else if (!TENANT.test(values.tenant)) problems.push(`--tenant "${values.tenant}" must be lower case letters, digits and dashes`);
  const roles = values.role ?? [];
  if (roles.length === 0) problems.push('at least one --role is required');
  for (const role of roles) {
    if (!kit.ROLES.includes(role)) problems.push(`--role "${role}" is not a role`);
  }
  const extraScopes = values.scope ?? [];
  for (const scope of extraScopes) {
    if (!kit.SCOPES.includes(scope)) problems.push(`--scope "${scope}" is not a scope`);
  }
  if (!values.sub.trim()) problems.push('--sub must not be empty');
  if (!TTL.test(values.ttl)) problems.push(`--ttl "${values.ttl}" must look like 30m, 12h or 7d`);
  if (problems.length) fail(problems.join('\ntoken: '), true, kit);

  const secret = process.env.JWT_SECRET || kit.devJwtSecret;
  // Same rule the services apply at start: a shorter secret would make tokens no service accepts.
  if (secret.length < 32) fail('JWT_SECRET must be at least 32 characters', false, kit);
  const scopes = [...new Set(['read', 'write', ...extraScopes])];
  const claims = { sub: values.sub, tenant: values.tenant, roles: [...new Set(roles)], scopes };
  const token = await kit.signDevToken(secret, claims, values.ttl.replace(/\s/g, ''));
  process.stdout.write(`${token}\n`);
  process.stderr.write(
    `token: sub=${claims.sub} tenant=${claims.tenant} roles=${claims.roles.join(',')} scopes=${scopes.join(',')} ttl=${values.ttl}` +
      `${process.env.JWT_SECRET ? '' : ' (dev secret)'}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`token: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
});
