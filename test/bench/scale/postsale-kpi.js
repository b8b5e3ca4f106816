'use strict';
/**
 * The post-sale KPI month documents (`postsale_kpi_months`, services/postsale/src/application/kpi-months.ts)
 * of the generated requests, as production holds them: one per (tenant, month), every request's
 * contribution added, no delta left pending on the requests. The contribution is the service's
 * (domain/kpi-months.ts) in plain JS, so the bench needs no build of its own;
 * test/unit/scale-documents.test.ts checks the two agree.
 */
const { randomUUID } = require('node:crypto');

const HOUR = 3_600_000;
const MAX_HOURS = 720;
const EFFECTIVE = ['DONE', 'ANSWERED', 'RETAINED'];
const fieldKey = (s) => `k${s.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24')}`;

/** Adds one request's counts to a month's nested counts. */
function addRequest(c, r) {
  const bucket = r.readyAt && r.attendedAt ? Math.min(MAX_HOURS, Math.max(0, Math.floor((r.attendedAt - r.readyAt) / HOUR))) : null;
  for (const [scope, key] of [
    ['all', 'k'],
    ['team', fieldKey(r.team)],
    ['type', fieldKey(r.type)],
  ]) {
    const g = ((c[scope] ??= {})[key] ??= {});
    const inc = (metric) => (g[metric] = (g[metric] ?? 0) + 1);
    inc('n');
    if (r.readyAt === null) continue;
    inc('ready');
    if (r.resolution !== null && EFFECTIVE.includes(r.resolution)) inc('eff');
    if (bucket !== null) inc(`h${bucket}`);
  }
}

/** Fed each customer's history as generated (its post-sale requests); `documents()` the month documents. */
function postsaleAggregates() {
  const months = new Map();
  let tenantId = null;
  return {
    add(history) {
      for (const r of history.postsale?.postsale_requests ?? []) {
        tenantId ??= r.tenantId;
        if (!months.has(r.month)) months.set(r.month, {});
        addRequest(months.get(r.month), r);
      }
    },
    documents(builtAt = new Date()) {
      const docs = [...months].map(([month, c]) => ({ _id: `${tenantId}:${month}`, tenantId, month, c, applied: [], rev: randomUUID(), builtAt }));
      return { postsale: { postsale_kpi_months: docs } };
    },
  };
}

module.exports = { postsaleAggregates };
