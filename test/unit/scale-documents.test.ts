import mongoose, { type Connection, type Model } from 'mongoose';
import { customerDirectory } from '@vinculo/common';
import { customerModel } from '../../services/customers/src/store/customer.model';
import { timelineModel } from '../../services/customers/src/store/timeline.model';
import { salesOrderModel } from '../../services/sales/src/store/sales-order.model';
import { billingReadModel } from '../../services/sales/src/events/read-models';
import { installedProductModel } from '../../services/postsale/src/store/installed-product.model';
import { postSaleRequestModel } from '../../services/postsale/src/store/request.model';
import { billingAccountModel } from '../../services/collections/src/store/billing-account.model';
import { invoiceModel } from '../../services/collections/src/store/invoice.model';
import { paymentModel } from '../../services/collections/src/store/payment.model';
import { subscriptionModel } from '../../services/collections/src/store/subscription.model';
import { workOrderModel } from '../../services/techsupport/src/store/work-order.model';
import { damageTicketModel } from '../../services/techsupport/src/store/ticket.model';
import { installedProducts } from '../../services/techsupport/src/store/products.model';
import { leadModel } from '../../services/proposals/src/store/lead.model';
import { kpiMonthModel } from '../../services/postsale/src/store/kpi-month.model';
import { contributionOf, sumCounts } from '../../services/postsale/src/domain/kpi-months';

// The bench's generator is plain CommonJS (it runs without a build step of its own).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { customerHistory, tenantAggregates } = require('../bench/scale/documents') as {
  customerHistory: (tenantId: string, i: number, now: Date, salt?: string) => History;
  tenantAggregates: () => { add: (h: History) => void; documents: (builtAt?: Date) => History };
};
type Doc = Record<string, unknown> & { _id: string; tenantId: string; outbox?: unknown; version?: number };
type History = Record<string, Record<string, Doc[]>>;
/** One subgraph's collection of a history (every history has every key; empty lists where none). */
const docsOf = (h: History, subgraph: string, collection: string): Doc[] => h[subgraph]?.[collection] ?? [];

/** The model each generated collection of each subgraph is written by, on a connection of its own (never opened). */
function modelsOf(subgraph: string, conn: Connection): Record<string, Model<any>> {
  switch (subgraph) {
    case 'customers':
      return { customers: customerModel(conn), timeline: timelineModel(conn) };
    case 'sales':
      return { customer_directory: customerDirectory(conn).model, sales_orders: salesOrderModel(conn), sales_invoice_facts: billingReadModel(conn).model };
    case 'postsale':
      return {
        customer_directory: customerDirectory(conn).model,
        installed_products: installedProductModel(conn),
        postsale_requests: postSaleRequestModel(conn),
      };
    case 'collections':
      return {
        customer_directory: customerDirectory(conn).model,
        billing_accounts: billingAccountModel(conn),
        invoices: invoiceModel(conn),
        payments: paymentModel(conn),
        subscriptions: subscriptionModel(conn),
      };
    case 'techsupport':
      return {
        customer_directory: customerDirectory(conn).model,
        installed_products: installedProducts(conn).model,
        work_orders: workOrderModel(conn),
        damage_tickets: damageTicketModel(conn),
      };
    case 'proposals':
      return { customer_directory: customerDirectory(conn).model, leads: leadModel(conn) };
    default:
      throw new Error(`no models for ${subgraph}`);
  }
}

/** Paths a service leaves unset on purpose (optional on the model, no default). */
// indicatorDeltas: written only by a ledger change (its pending indicator delta); a tenant loaded in bulk
// gets its indicator totals built from the accounts on first read (collections application/indicator-totals.ts).
// pending: set on a sales invoice fact only while it is on its way into its billing totals (sales application/billing-totals.ts);
// churnDeltas / churnPending: on a customer only while a write's churn delta is on its way into the counts (customers application/churn-totals.ts);
// kpiDeltas / kpiPending: a post-sale request's KPI change while it is not yet in its month's counts (none
// pending in a tenant as production holds it: the month documents come from tenantAggregates).
const OPTIONAL = new Set(['outboxQuarantinedAt', '__v', 'indicatorDeltas', 'pending', 'churnDeltas', 'churnPending', 'kpiDeltas', 'kpiPending']);

describe('bench:scale generator (issue #18): each generated document is what the service would store', () => {
  const now = new Date('2026-11-15T12:00:00Z');
  // Customers 0, 28 and 70 together cover every optional part: two orders (i % 4), a ticket (i % 7) open
  // (i % 14) and closed, a lead (i % 10) and a post-sale request (i % 5).
  const histories = [0, 1, 28, 35, 70].map((i) => customerHistory('scale-t', i, now, 'abcdef0123456789'));
  const connections = new Map<string, Connection>();
  afterAll(async () => {
    for (const c of connections.values()) await c.close();
  });

  const kinds = Object.entries(histories[0]!).flatMap(([subgraph, byCollection]) =>
    Object.keys(byCollection).map((collection) => [subgraph, collection] as const),
  );

  it('covers every kind of document the brief lists', () => {
    expect(kinds.map(([s, c]) => `${s}.${c}`).sort()).toEqual(
      [
        'collections.billing_accounts',
        'collections.customer_directory',
        'collections.invoices',
        'collections.payments',
        'collections.subscriptions',
        'customers.customers',
        'customers.timeline',
        'postsale.customer_directory',
        'postsale.installed_products',
        'postsale.postsale_requests',
        'proposals.customer_directory',
        'proposals.leads',
        'sales.customer_directory',
        'sales.sales_invoice_facts',
        'sales.sales_orders',
        'techsupport.customer_directory',
        'techsupport.damage_tickets',
        'techsupport.installed_products',
        'techsupport.work_orders',
      ].sort(),
    );
    // 12 months of invoices, each but the newest paid; the optional parts appear for some customers.
    expect(docsOf(histories[0]!, 'collections', 'invoices')).toHaveLength(12);
    expect(docsOf(histories[0]!, 'collections', 'payments')).toHaveLength(11);
    for (const [s, c] of [
      ['techsupport', 'damage_tickets'],
      ['proposals', 'leads'],
      ['postsale', 'postsale_requests'],
    ] as const) {
      expect(histories.some((h) => docsOf(h, s, c).length > 0)).toBe(true);
    }
  });

  it.each(kinds)('%s.%s: valid by its model, every field the model declares, no field it does not, outbox empty', (subgraph, collection) => {
    let conn = connections.get(subgraph);
    if (!conn) connections.set(subgraph, (conn = mongoose.createConnection()));
    const model = modelsOf(subgraph, conn)[collection]!;
    expect(model.collection.collectionName).toBe(collection);
    const docs = histories.flatMap((h) => docsOf(h, subgraph, collection));
    expect(docs.length).toBeGreaterThan(0);
    const declared = Object.keys(model.schema.paths).map((p) => p.split('.')[0]!);
    for (const doc of docs) {
      const hydrated = new model(doc);
      expect(hydrated.validateSync()).toBeUndefined();
      // Strict schemas drop what they do not declare: a field the model does not know would be lost.
      expect(Object.keys(doc).filter((k) => !declared.includes(k))).toEqual([]);
      // A field the model declares but the generator left out would be one the service always writes.
      const missing = [...new Set(declared)].filter(
        (p) => !OPTIONAL.has(p) && !(p in doc) && model.schema.path(p)?.options?.required !== false && p !== 'number',
      );
      expect(missing).toEqual([]);
      if ('outbox' in model.schema.paths) expect(doc.outbox).toEqual([]);
      if ('version' in model.schema.paths) expect(doc.version).toBeGreaterThan(0);
      expect(doc.tenantId).toBe('scale-t');
    }
    // Ids are unique across the customers (the generator's only uniqueness guarantee).
    const ids = docs.map((d) => d._id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the tenant aggregates: post-sale KPI months valid by their model, equal to the counts the service keeps for the generated requests', () => {
    const aggregates = tenantAggregates();
    // Every day of a 20-day cycle (i % 20) and a month boundary: customers 0…99; and, as the generated requests
    // are all still open, requests attended at every kind of distance with every kind of resolution and team.
    const readyAt = new Date('2026-10-02T12:00:00Z');
    const attended = (i: number) =>
      ({
        ...docsOf(customerHistory('scale-t', 0, now, 'abcdef0123456789'), 'postsale', 'postsale_requests')[0]!,
        _id: `psr-attended-${i}`,
        month: '2026-10',
        team: ['A', 'b.c', '$d', '100%'][i % 4],
        readyAt: i % 7 ? readyAt : null,
        attendedAt: i % 5 ? new Date(readyAt.getTime() + [-2, 0.5, 23.99, 24, 300, 800][i % 6]! * 3_600_000) : null,
        resolution: [null, 'DONE', 'RETAINED', 'QC_FAILED', 'CANCELLED'][i % 5],
      }) as Doc;
    const all = [
      ...Array.from({ length: 100 }, (_, i) => customerHistory('scale-t', i, now, 'abcdef0123456789')),
      { postsale: { postsale_requests: Array.from({ length: 60 }, (_, i) => attended(i)) } },
    ];
    all.forEach((h) => aggregates.add(h));
    const docs = docsOf(aggregates.documents(now), 'postsale', 'postsale_kpi_months');
    const model = kpiMonthModel(mongoose.createConnection());
    const requests = all.flatMap((h) => docsOf(h, 'postsale', 'postsale_requests')) as unknown as Parameters<typeof contributionOf>[0][];
    const months = [...new Set(requests.map((r) => r.month))].sort();
    expect(months.length).toBeGreaterThan(1);
    expect(docs.map((d) => d.month).sort()).toEqual(months);
    const flat = (o: unknown, prefix = ''): Record<string, number> =>
      Object.entries(o as Record<string, unknown>).reduce<Record<string, number>>(
        (out, [k, v]) => (typeof v === 'number' ? { ...out, [prefix + k]: v } : { ...out, ...flat(v, `${prefix}${k}.`) }),
        {},
      );
    for (const doc of docs) {
      expect(new model(doc).validateSync()).toBeUndefined();
      expect(doc._id).toBe(`scale-t:${doc.month}`);
      expect(doc.applied).toEqual([]);
      const service = sumCounts(requests.filter((r) => r.month === doc.month).map((r) => contributionOf(r)[r.month]!));
      expect(flat(doc.c)).toEqual(service);
    }
  });
});
