'use strict';
/**
 * Customers' maintained aggregates of a generated tenant, as the services hold them after the flows
 * ran (issue #18): the churn counts (services/customers/src/application/churn-totals.ts) — the
 * tenant's build record and one document per UTC day with the count of each move to CHURNED by quarter
 * of an hour, reason and segment, nothing pending. Pure: fed every customer's history, then asked for
 * the documents once. (The generated customers have not churned: the days are empty unless they do.)
 */
const QUARTER_MS = 15 * 60_000;
const escape = (s) => s.replace(/[%.$~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

function customersAggregates(gen = '00000000-0000-4000-8000-000000000000') {
  const days = new Map();
  let tenantId = null;
  return {
    add(history) {
      for (const c of history.customers?.customers ?? []) {
        tenantId ??= c.tenantId;
        for (const h of c.history ?? []) {
          if (h.to !== 'CHURNED') continue;
          const day = h.at.toISOString().slice(0, 10);
          const quarter = Math.floor((h.at.getTime() - Date.parse(`${day}T00:00:00.000Z`)) / QUARTER_MS);
          const d = days.get(day) ?? { _id: `${c.tenantId}:${gen}:${day}`, tenantId: c.tenantId, gen, day, c: {}, applied: [] };
          const key = `${escape(h.note ?? 'UNKNOWN')}~${escape(c.segment ?? 'NONE')}`;
          d.c[quarter] ??= {};
          d.c[quarter][key] = (d.c[quarter][key] ?? 0) + 1;
          days.set(day, d);
        }
      }
    },
    documents(builtAt = new Date()) {
      if (!tenantId) return { customers: {} };
      return {
        customers: {
          customers_churn_builds: [{ _id: tenantId, tenantId, gen, builtAt }],
          customers_churn_days: [...days.values()],
        },
      };
    },
  };
}

module.exports = { customersAggregates };
