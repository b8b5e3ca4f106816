/**
 * Issue 13 finding 6: the demo data tells a true story. The seed `npm start` runs is played here, in
 * private copies of the three demo tenants on the test stack, and every demo customer is checked
 * against its life stage through the graph: its status, its subscriptions, its billing and its work —
 * a PROSPECT has no active subscription, an ACTIVE customer is installed and billed, a CHURNED one has
 * nothing left in service. Then each tenant's reconciliation report is empty.
 */
import { devJwtSecret } from '@vinculo/common';
import { testStack, tokenFor } from '@vinculo/common/testing';
import { ok } from './support/untyped-answers';
import { expectReconciled } from './support/reconciliation';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '@vinculo/common/testing';
import { pdfText } from './support/files';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { seed } = require('../../infra/local/seed') as {
  seed: (url: string, secret: string, log: (m: string) => void, o: { tenantSuffix: string }) => Promise<Record<string, any>>;
};

const CUSTOMER = `query($id: ID!) { customer(id: $id) {
  status
  subscriptions(first: 10) { edges { node { id status billedProduct { status } } } }
  salesOrders(first: 5) { edges { node { id status installationWorkOrder { status } } } }
  saleProjects(first: 5) { edges { node { id kind status } } }
  billingAccounts(first: 5) { edges { node { id standing balance { amount } overdueAmount { amount }
    invoices(first: 5) { edges { node { period status total { amount } } } }
    paymentPromises(first: 5) { edges { node { id } } } } } }
} }`;

const nodes = (c: { edges: { node: any }[] }) => c.edges.map((e) => e.node);

jest.setTimeout(900_000);

let results: Record<string, any>;
beforeAll(async () => {
  const { gatewayUrl } = testStack();
  results = await seed(gatewayUrl, devJwtSecret, () => {}, { tenantSuffix: `-t${Date.now().toString(36)}` });
});

describe('demo seed: every demo customer built through the real flows (issue 13 finding 6)', () => {
  test('three tenants, each with one customer in every life stage', () => {
    const tenants = Object.values(results);
    expect(tenants).toHaveLength(3);
    for (const t of tenants) {
      expect(t.seeded).toBe(true);
      expect(t.built.map((b: any) => b.stage).sort()).toEqual([
        'ACTIVE_BILLED',
        'INSTALLING',
        'OVERDUE_WITH_PROMISE',
        'PROSPECT_WITH_PROJECT',
        'SUSPENDED',
        'WITHDRAWN',
      ]);
    }
  });

  test('each customer shows the state of its stage, from every subgraph', async () => {
    for (const [tenant, r] of Object.entries(results)) {
      const admin = await tokenFor(tenant, ['ADMIN']);
      for (const b of r.built) {
        const c = (await ok(admin, CUSTOMER, { id: b.customerId })).customer;
        const subs = nodes(c.subscriptions);
        const orders = nodes(c.salesOrders);
        const accounts = nodes(c.billingAccounts);
        const where = `${tenant} ${b.stage} ${b.name}`;
        switch (b.stage) {
          case 'PROSPECT_WITH_PROJECT':
            expect([where, c.status, subs, orders, accounts]).toEqual([where, 'PROSPECT', [], [], []]);
            expect(nodes(c.saleProjects).map((p: any) => p.status)).toEqual(['OFFERED']);
            break;
          case 'INSTALLING':
            expect([where, c.status, subs, accounts]).toEqual([where, 'PROSPECT', [], []]);
            expect(orders.map((o: any) => o.installationWorkOrder?.status)).toEqual(['ASSIGNED']);
            break;
          case 'ACTIVE_BILLED': {
            expect([where, c.status, subs.map((s: any) => [s.status, s.billedProduct?.status])]).toEqual([where, 'ACTIVE', [['ACTIVE', 'ACTIVE']]]);
            const invoices = nodes(accounts[0].invoices);
            expect(invoices.find((i: any) => i.period === r.month)).toMatchObject({ status: 'PAID' });
            expect(accounts[0].standing).toBe('UP_TO_DATE');
            break;
          }
          case 'SUSPENDED':
            expect([where, c.status, subs.map((s: any) => [s.status, s.billedProduct?.status])]).toEqual([where, 'ACTIVE', [['SUSPENDED', 'SUSPENDED']]]);
            expect(nodes(accounts[0].invoices).find((i: any) => i.period === r.month)).toMatchObject({ status: 'PAID' });
            break;
          case 'OVERDUE_WITH_PROMISE':
            expect([where, c.status, subs.map((s: any) => s.status)]).toEqual([where, 'ACTIVE', ['ACTIVE']]);
            expect(accounts[0].standing).toBe('OVERDUE');
            expect(Number(accounts[0].overdueAmount.amount)).toBeGreaterThan(0);
            expect(nodes(accounts[0].paymentPromises)).toHaveLength(1);
            break;
          case 'WITHDRAWN':
            expect([where, c.status, subs.map((s: any) => [s.status, s.billedProduct?.status])]).toEqual([where, 'CHURNED', [['WITHDRAWN', 'WITHDRAWN']]]);
            expect(nodes(accounts[0].invoices).length).toBeGreaterThan(0);
            break;
          default:
            throw new Error(`unknown stage ${b.stage}`);
        }
      }
    }
  });

  test('no demo customer is PROSPECT with a subscription, nor ACTIVE without one', async () => {
    for (const [tenant, r] of Object.entries(results)) {
      const admin = await tokenFor(tenant, ['ADMIN']);
      for (const b of r.built) {
        const c = (await ok(admin, CUSTOMER, { id: b.customerId })).customer;
        const live = nodes(c.subscriptions).filter((s: any) => s.status !== 'WITHDRAWN');
        if (c.status === 'PROSPECT') expect([b.name, live]).toEqual([b.name, []]);
        if (c.status === 'ACTIVE') expect(live.length).toBeGreaterThan(0);
      }
    }
  });

  test("the mail inbox holds what the story sent: the carta de mora PDF to the overdue customer's executive, reports with CSV and XLSX", async () => {
    const mailUrl = (JSON.parse(readFileSync(path.resolve(__dirname, '../../.cache/run/test-stack.json'), 'utf8')) as { mailUrl: string }).mailUrl;
    type Delivered = {
      to: string[];
      subject: string;
      headers: { tenant: string | null; rule: string | null };
      attachments: { filename: string; contentType: string; base64?: string }[];
    };
    for (const [tenant, r] of Object.entries(results)) {
      const overdue = r.built.find((b: any) => b.stage === 'OVERDUE_WITH_PROMISE');
      const mail = await waitFor(
        `${tenant}: the overdue e-mail`,
        async () =>
          ((await (await fetch(`${mailUrl}messages`)).json()) as Delivered[]).find(
            (m) => m.headers.tenant === tenant && m.subject === `Cuenta en mora: ${overdue.name}`,
          ),
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      expect(mail.to).toEqual([expect.stringMatching(/^emp-ejecutiva-1@/)]);
      const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
      expect((await pdfText(Buffer.from(pdf!.base64!, 'base64'))).text).toContain(overdue.name);
      const all = ((await (await fetch(`${mailUrl}messages`)).json()) as Delivered[]).filter((m) => m.headers.tenant === tenant);
      for (const report of all.filter((m) => m.headers.rule?.startsWith('report-'))) {
        expect([report.subject, report.attachments.map((a) => a.filename.split('.').pop()).sort()]).toEqual([report.subject, ['csv', 'xlsx']]);
      }
    }
  });

  test('the reconciliation report of every demo tenant is empty', async () => {
    for (const tenant of Object.keys(results)) {
      await expectReconciled(await tokenFor(tenant, ['ADMIN']));
    }
  });
});
