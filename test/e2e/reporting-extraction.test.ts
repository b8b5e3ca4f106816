/**
 * Issue #15 reporting: a reporting job (role REPORTING) extracts every `…Changes` list of the six
 * subgraphs incrementally — first run from the start, page by page, storing the last (updatedAt, id)
 * cursor of each list; second run from those cursors gets only what was written since — and exports a
 * list as XLSX through the gateway's export job, read back with exceljs. Every operation is a
 * TypedDocumentNode of @vinculo/client (generated from the supergraph).
 */
import ExcelJS from 'exceljs';
import { print } from 'graphql';
import {
  AdvanceBusinessClockDocument,
  BillingAccountChangesDocument,
  CollectionsIndicatorSeriesDocument,
  PostSaleIndicatorSeriesDocument,
  SalesIndicatorSeriesDocument,
  BillingAccountInvoicesDocument,
  createClient,
  DamageTicketChangesDocument,
  DigitalSaleRequestChangesDocument,
  GraphRequestError,
  InteractionChangesDocument,
  InvoiceChangesDocument,
  LeadChangesDocument,
  OpportunityChangesDocument,
  PaymentChangesDocument,
  RecordInteractionDocument,
  RegisterPaymentDocument,
  SaleProjectChangesDocument,
  SalesOrderChangesDocument,
  SubscriptionChangesDocument,
  SupportVisitChangesDocument,
  VisitChangesDocument,
  WorkOrderChangesDocument,
  type Client,
  type TypedDocumentNode,
} from '@vinculo/client';
import { testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { actorsOf, sellToActivation } from './support/order-to-cash';
import { expectReconciled } from './support/reconciliation';

let gateway = '';
beforeAll(() => {
  gateway = testStack().gatewayUrl;
});
const as = (token: string): Client => createClient({ url: gateway, token });

interface Window {
  updatedSince?: string | null;
  updatedBefore?: string | null;
  first?: number | null;
  after?: string | null;
}
type Page = { edges: { cursor: string; node: { id: string; updatedAt?: string | null } }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
type ListDoc = TypedDocumentNode<Record<string, unknown>, Window>;

/** Every extraction list: its root field and operation. */
const LISTS: Record<string, ListDoc> = {
  interactionChanges: InteractionChangesDocument as unknown as ListDoc,
  visitChanges: VisitChangesDocument as unknown as ListDoc,
  salesOrderChanges: SalesOrderChangesDocument as unknown as ListDoc,
  saleProjectChanges: SaleProjectChangesDocument as unknown as ListDoc,
  digitalSaleRequestChanges: DigitalSaleRequestChangesDocument as unknown as ListDoc,
  subscriptionChanges: SubscriptionChangesDocument as unknown as ListDoc,
  billingAccountChanges: BillingAccountChangesDocument as unknown as ListDoc,
  invoiceChanges: InvoiceChangesDocument as unknown as ListDoc,
  paymentChanges: PaymentChangesDocument as unknown as ListDoc,
  workOrderChanges: WorkOrderChangesDocument as unknown as ListDoc,
  damageTicketChanges: DamageTicketChangesDocument as unknown as ListDoc,
  supportVisitChanges: SupportVisitChangesDocument as unknown as ListDoc,
  leadChanges: LeadChangesDocument as unknown as ListDoc,
  opportunityChanges: OpportunityChangesDocument as unknown as ListDoc,
};

/** One run of the job over one list: pages of `first` from `after` to the end; the ids and the cursor to resume from. */
async function extract(
  client: Client,
  field: string,
  after: string | null,
  first = 2,
): Promise<{ ids: string[]; cursor: string | null; order: [string, string][] }> {
  const ids: string[] = [];
  const order: [string, string][] = [];
  let cursor = after;
  for (;;) {
    const page = (await client.request(LISTS[field]!, { first, after: cursor }))[field] as Page;
    for (const e of page.edges) {
      ids.push(e.node.id);
      order.push([e.node.updatedAt ?? '', e.node.id]);
    }
    cursor = page.pageInfo.endCursor ?? cursor;
    if (!page.pageInfo.hasNextPage) return { ids, cursor, order };
  }
}

/** (updatedAt, id) ascending, as the lists promise. */
const sorted = (order: [string, string][]) => [...order].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));

describe('reporting extraction and exports (issue #15)', () => {
  test('a reporting job extracts every list incrementally twice (the second run gets only the changes); an XLSX export opens with the expected rows', async () => {
    const actors = await actorsOf(uniqueTenant('report'));
    const sold = await sellToActivation(actors);
    const exec = as(actors.exec);
    const first = (
      await exec.request(RecordInteractionDocument, {
        input: { customerId: sold.customerId, channel: 'PHONE', summary: 'Llamada de bienvenida', outcome: 'Cliente conforme' },
      })
    ).recordInteraction.interaction;
    // Settled: nothing of the sale is still in flight between subgraphs before the first run.
    await expectReconciled(actors.admin, { completedOrders: [sold.orderId] });

    const reportingToken = await tokenFor(actors.tenant, ['REPORTING'], { sub: 'etl-1', scopes: ['read', 'reporting'] });
    const job = as(reportingToken);

    // Only REPORTING and ADMIN read the extraction lists.
    await expect(exec.request(SalesOrderChangesDocument, { first: 5 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(actors.admin).request(SalesOrderChangesDocument, { first: 5 })).resolves.toBeTruthy();

    // Run 1: every list from the start, two rows a page, each list's last cursor stored.
    const run1: Record<string, { ids: string[]; cursor: string | null; order: [string, string][] }> = {};
    for (const field of Object.keys(LISTS)) run1[field] = await extract(job, field, null);
    const runOneEnded = new Date().toISOString();
    expect(run1.salesOrderChanges!.ids).toEqual([sold.orderId]);
    expect(run1.saleProjectChanges!.ids).toHaveLength(1);
    expect(run1.workOrderChanges!.ids).toEqual([sold.installationWorkOrderId]);
    expect(run1.subscriptionChanges!.ids).toEqual([sold.subscriptionId]);
    expect(run1.billingAccountChanges!.ids).toEqual([sold.billingAccountId]);
    expect(run1.interactionChanges!.ids).toContain(first.id);
    expect(run1.invoiceChanges!.ids).toEqual([]);
    expect(run1.paymentChanges!.ids).toEqual([]);
    for (const field of Object.keys(LISTS)) {
      expect(run1[field]!.order).toEqual(sorted(run1[field]!.order));
      expect(new Set(run1[field]!.ids).size).toBe(run1[field]!.ids.length); // pages neither repeat nor skip
    }

    // Changes: the month billed (an invoice), paid (a payment; invoice and account written), one more interaction.
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 1, 15);
    next.setUTCHours(16, 0, 0, 0);
    await as(actors.admin).request(AdvanceBusinessClockDocument, { input: { to: next.toISOString() } });
    const clerk = as(actors.clerk);
    const invoice = await waitFor(
      'the month billed',
      async () => (await clerk.request(BillingAccountInvoicesDocument, { id: sold.billingAccountId })).billingAccount?.invoices.edges[0]?.node,
      { timeoutMs: 60_000 },
    );
    const paid = (
      await clerk.request(RegisterPaymentDocument, {
        input: { billingAccountId: sold.billingAccountId, amount: invoice.total.amount, channel: 'CASHIER', externalReference: 'CAJA-ETL-1' },
      })
    ).registerPayment;
    expect(paid.billingAccount.standing).toBe('UP_TO_DATE');
    const second = (
      await exec.request(RecordInteractionDocument, { input: { customerId: sold.customerId, channel: 'WHATSAPP', summary: 'Factura enviada', outcome: null } })
    ).recordInteraction.interaction;
    await expectReconciled(actors.admin, { completedOrders: [sold.orderId] });

    // Run 2: from each stored cursor, only what was written since.
    const run2: Record<string, string[]> = {};
    for (const field of Object.keys(LISTS)) run2[field] = (await extract(job, field, run1[field]!.cursor)).ids;
    expect(run2.invoiceChanges).toEqual([invoice.id]);
    expect(run2.paymentChanges).toEqual([paid.payment.id]);
    expect(run2.billingAccountChanges).toEqual([sold.billingAccountId]);
    expect(run2.interactionChanges).toEqual([second.id]);
    for (const unchanged of [
      'salesOrderChanges',
      'saleProjectChanges',
      'digitalSaleRequestChanges',
      'workOrderChanges',
      'damageTicketChanges',
      'supportVisitChanges',
      'leadChanges',
      'opportunityChanges',
      'visitChanges',
      'subscriptionChanges',
    ]) {
      expect([unchanged, run2[unchanged]]).toEqual([unchanged, []]);
    }

    // The same by time window: before the first run ended no invoice existed; since then, the one.
    expect((await job.request(InvoiceChangesDocument, { updatedBefore: runOneEnded, first: 10 })).invoiceChanges.edges).toEqual([]);
    expect((await job.request(InvoiceChangesDocument, { updatedSince: runOneEnded, first: 10 })).invoiceChanges.edges.map((e) => e.node.id)).toEqual([
      invoice.id,
    ]);
    await expect(job.request(InvoiceChangesDocument, { updatedSince: runOneEnded, updatedBefore: runOneEnded })).rejects.toBeInstanceOf(GraphRequestError);

    // Export: the interactions as XLSX, one row a page so the job follows the cursor; read back with exceljs.
    const post = await fetch(gateway.replace(/\/graphql$/, '/exports'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reportingToken}` },
      body: JSON.stringify({ query: print(InteractionChangesDocument), variables: { first: 1 }, format: 'XLSX', name: 'interactions' }),
    });
    expect(post.status).toBe(202);
    const started = (await post.json()) as { id: string; status: string; statusUrl: string; downloadUrl: string | null };
    const origin = new URL(gateway).origin;
    const get = (path: string, token = reportingToken) => fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const done = await waitFor('the export DONE', async () => {
      const s = (await (await get(started.statusUrl)).json()) as { status: string; rows: number; downloadUrl: string | null };
      if (s.status === 'FAILED') throw new Error(JSON.stringify(s));
      return s.status === 'DONE' ? s : undefined;
    });
    expect(done.rows).toBe(run1.interactionChanges!.ids.length + 1);
    // Same auth as /graphql: no token → 401; another user of the tenant does not see the job.
    expect((await fetch(`${origin}${done.downloadUrl}`)).status).toBe(401);
    expect((await get(done.downloadUrl!, actors.admin)).status).toBe(404);
    const file = await get(done.downloadUrl!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
    const sheet = book.getWorksheet('interactions')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['id', 'customerId', 'channel', 'summary', 'updatedAt']);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1, 5));
    });
    expect(rows.slice(-2)).toEqual([
      [first.id, sold.customerId, 'PHONE', 'Llamada de bienvenida'],
      [second.id, sold.customerId, 'WHATSAPP', 'Factura enviada'],
    ]);

    // Indicators over a range of periods in one call, and their CSV export.
    const billed = invoice.period;
    const after = new Date(`${billed}-15T00:00:00Z`);
    after.setUTCMonth(after.getUTCMonth() + 1);
    const nextPeriod = after.toISOString().slice(0, 7);
    const series = (await job.request(CollectionsIndicatorSeriesDocument, { from: billed, to: nextPeriod })).collectionsIndicatorSeries;
    expect(series.map((p) => p.period)).toEqual([billed, nextPeriod]);
    expect(series[0]!.billingBySegment.map((b) => [b.invoices, b.total.amount])).toEqual([[1, invoice.total.amount]]);
    expect(series[1]!.billingBySegment).toEqual([]);
    expect((await job.request(PostSaleIndicatorSeriesDocument, { from: billed, to: nextPeriod })).postSaleIndicatorSeries.map((p) => p.month)).toEqual([
      billed,
      nextPeriod,
    ]);
    expect(
      (await job.request(SalesIndicatorSeriesDocument, { indicator: 'AFFILIATION', from: billed, to: nextPeriod })).salesIndicatorSeries.map((p) => p.period),
    ).toEqual([billed, nextPeriod]);
    await expect(job.request(CollectionsIndicatorSeriesDocument, { from: nextPeriod, to: billed })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const csvJob = (await (
      await fetch(gateway.replace(/\/graphql$/, '/exports'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reportingToken}` },
        body: JSON.stringify({ query: print(CollectionsIndicatorSeriesDocument), variables: { from: billed, to: nextPeriod }, format: 'CSV' }),
      })
    ).json()) as { statusUrl: string };
    const csvDone = await waitFor('the CSV export DONE', async () => {
      const s = (await (await get(csvJob.statusUrl)).json()) as { status: string; downloadUrl: string | null };
      return s.status === 'DONE' ? s : undefined;
    });
    const csv = await (await get(csvDone.downloadUrl!)).text();
    expect(
      csv
        .split('\r\n')
        .filter(Boolean)
        .map((l) => l.split(',')[0]),
    ).toEqual(['period', billed, nextPeriod]);
  });
});
