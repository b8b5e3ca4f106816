import mongoose from 'mongoose';
import { billingTotalsModel } from '../../services/sales/src/store/billing-totals.model';
import { billingTotalsId } from '../../services/sales/src/domain/billing-totals';
import { churnBuildModel, churnDayModel } from '../../services/customers/src/store/churn-totals.model';
import { churnContribution, placeOf } from '../../services/customers/src/domain/churn-totals';

// The bench's generator is plain CommonJS (it runs without a build step of its own).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { customerHistory, tenantAggregates } = require('../bench/scale/documents') as {
  customerHistory: (tenantId: string, i: number, now: Date, salt?: string) => History;
  tenantAggregates: () => { add: (h: History) => void; documents: (builtAt?: Date) => History };
};
type Doc = Record<string, unknown> & { _id: string; tenantId: string };
type History = Record<string, Record<string, Doc[]>>;

describe('bench:scale generator (issue #18): the maintained aggregates are what the services would hold', () => {
  const now = new Date('2026-11-15T12:00:00Z');
  const histories = Array.from({ length: 60 }, (_, i) => customerHistory('scale-t', i, now, 'abcdef0123456789'));
  const aggregates = tenantAggregates();
  for (const h of histories) aggregates.add(h);
  const docs = aggregates.documents(now);

  it('sales.sales_billing_totals: valid by its model, one per (period, segment), each the sum of its invoice facts, none pending', () => {
    const conn = mongoose.createConnection();
    try {
      const model = billingTotalsModel(conn);
      const totals = docs.sales?.sales_billing_totals ?? [];
      const facts = histories.flatMap((h) => h.sales?.sales_invoice_facts ?? []) as (Doc & { period: string; segment: string; totalAmount: number })[];
      const buckets = new Set(facts.map((f) => billingTotalsId(f.tenantId, f.period, f.segment)));
      expect(totals.map((t) => t._id).sort()).toEqual([...buckets].sort());
      for (const t of totals) {
        expect(new model(t).validateSync()).toBeUndefined();
        const mine = facts.filter((f) => billingTotalsId(f.tenantId, f.period, f.segment) === t._id);
        expect(t).toEqual({
          _id: t._id,
          tenantId: 'scale-t',
          period: mine[0]!.period,
          segment: mine[0]!.segment,
          invoices: mine.length,
          totalMinor: mine.reduce((s, f) => s + f.totalAmount, 0),
          counting: [],
          builtAt: now,
        });
        expect(Object.keys(t).sort()).toEqual(Object.keys(model.schema.paths).sort());
      }
    } finally {
      void conn.close();
    }
  });

  it('customers.customers_churn_builds / _days: valid by their models, the counts of every move to CHURNED, as the service places them', () => {
    const conn = mongoose.createConnection();
    try {
      const builds = docs.customers?.customers_churn_builds ?? [];
      expect(builds).toHaveLength(1);
      expect(new (churnBuildModel(conn))(builds[0]).validateSync()).toBeUndefined();
      // The generated customers have not churned: a churned copy of two checks the placing of counts.
      const churned = histories.slice(0, 2).map((h, k) => {
        const c = h.customers!.customers![0]!;
        const at = new Date(Date.UTC(2026, 9, 1 + k, 23, 50 + k));
        return {
          customers: { customers: [{ ...c, history: [...(c.history as object[]), { from: 'ACTIVE', to: 'CHURNED', by: 'system', at, note: 'PRICE.$~' }] }] },
        };
      });
      const more = tenantAggregates();
      for (const h of churned) more.add(h as History);
      const days = more.documents(now).customers?.customers_churn_days ?? [];
      const counts: Record<string, number> = {};
      for (const d of days) {
        expect(new (churnDayModel(conn))(d).validateSync()).toBeUndefined();
        for (const [quarter, keys] of Object.entries(d.c as Record<string, Record<string, number>>))
          for (const [key, n] of Object.entries(keys)) counts[`${String(d.day)}|c.${quarter}.${key}`] = n;
      }
      const expected: Record<string, number> = {};
      for (const h of churned) for (const [p, n] of Object.entries(churnContribution(h.customers.customers[0] as never))) expected[p] = (expected[p] ?? 0) + n;
      expect(counts).toEqual(expected);
      expect(Object.keys(counts)).toContain(
        placeOf(new Date(Date.UTC(2026, 9, 1, 23, 50)), 'PRICE.$~', String(histories[0]!.customers!.customers![0]!.segment)),
      );
    } finally {
      void conn.close();
    }
  });
});
