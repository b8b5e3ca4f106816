'use strict';
/**
 * Sales' maintained aggregates of a generated tenant, as the services hold them after the flows ran
 * (issue #18): the R-SAL-KPI billing totals per (tenant, period, segment) — the sum of the bucket's
 * invoice facts, none pending (services/sales/src/application/billing-totals.ts). Pure: fed every
 * customer's history, then asked for the documents once.
 */
function salesAggregates() {
  const buckets = new Map();
  return {
    add(history) {
      for (const f of history.sales?.sales_invoice_facts ?? []) {
        const id = `${f.tenantId}:${f.period}:${f.segment}`;
        const b = buckets.get(id) ?? { tenantId: f.tenantId, period: f.period, segment: f.segment, invoices: 0, totalMinor: 0 };
        b.invoices += 1;
        b.totalMinor += f.totalAmount;
        buckets.set(id, b);
      }
    },
    documents(builtAt = new Date()) {
      return { sales: { sales_billing_totals: [...buckets].map(([_id, b]) => ({ _id, ...b, counting: [], builtAt })) } };
    },
  };
}

module.exports = { salesAggregates };
