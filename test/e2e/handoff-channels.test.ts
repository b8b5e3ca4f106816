/**
 * Issue 13 "done when": in one test tenant, one sale per channel goes from first contact to a paid
 * invoice after one advance of the tenant's business clock, through the gateway on the real engines,
 * every event from its real producer:
 *
 * - business new capture (seed 000 A1–A14): project → Vo.Bo. → feasibility → offer → order → installation
 *   → the executive's quality-control call;
 * - portfolio (000 B): a preventive review flags a new need of that customer (techsupport.CrossSellFlagged),
 *   the executive drafts the portfolio project from it and sells it to activation;
 * - digital (001): a WhatsApp request → order → installation → the agent's satisfaction call (R-DIG-3).
 *
 * Then the clock moves to the next month: collections' billing job bills the closed month
 * (R-COL-BILL1), every invoice is paid, and the reconciliation report is empty with the three orders in it.
 */
import { testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { ok } from './support/untyped-answers';
import { digitalOrderEntered, digitalStep, SATISFACTION } from './support/digital-sale';
import { actorsOf, sellToActivation } from './support/order-to-cash';
import { expectReconciled } from './support/reconciliation';
import { okOnceFilesKnown, uploadRequirements } from './support/files';

type Vars = Record<string, unknown>;
const HERE = { latitude: -17.3935, longitude: -66.157 };
const FIB = { planCode: 'FIB-100', monthlyFee: '250.00', installationCost: '100.00' };
const SLOW = { timeoutMs: 90_000, intervalMs: 300 };

const PROJECT = `id status version`;
const pm = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { saleProject { ${PROJECT} } } }`;
const WO = `id type status version`;
const ORDER = `query($id: ID!) { salesOrder(id: $id) { id status version installationWorkOrder { ${WO} } subscriptions { edges { node { id status billedProduct { status billingAccount { id } } } } } } }`;
const ACCOUNT = `query($id: ID!) { billingAccount(id: $id) { id balance { amount } invoices(first: 10) { edges { node { id period status total { amount } outstanding { amount } lines { kind amount { amount } } } } } } }`;

const until = <T>(what: string, token: string, query: string, vars: Vars, pick: (d: any) => T | undefined) =>
  waitFor(what, async () => pick(await ok(token, query, vars)), SLOW);

beforeAll(() => {
  testStack();
});

/** The coordinator takes the order's installation work order to CLOSED_RESOLVED; the order becomes INSTALLED. */
async function install(coordinator: string, orderId: string) {
  const wo0 = await until('the installation work order', coordinator, ORDER, { id: orderId }, (d) => d.salesOrder.installationWorkOrder ?? undefined);
  let wo = (
    await ok(coordinator, `mutation($i: AssignWorkOrderInput!) { assignWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: wo0.id, expectedVersion: wo0.version, crew: 'CUADRILLA-4' },
    })
  ).assignWorkOrder.workOrder;
  wo = (
    await ok(coordinator, `mutation($i: WorkOrderVersionInput!) { startWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: wo.id, expectedVersion: wo.version },
    })
  ).startWorkOrder.workOrder;
  await ok(coordinator, `mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { status } } }`, {
    i: { workOrderId: wo.id, expectedVersion: wo.version, outcome: 'CLOSED_RESOLVED', resolutionNotes: 'ONT installed, speed measured' },
  });
  return until('the order INSTALLED', coordinator, ORDER, { id: orderId }, (d) => (d.salesOrder.status === 'INSTALLED' ? d.salesOrder : undefined));
}

/** The order's one subscription billed ACTIVE on its billing account. */
const billedAccountOf = (token: string, orderId: string) =>
  until('the subscription billed', token, ORDER, { id: orderId }, (d) => {
    const s = d.salesOrder.subscriptions.edges[0]?.node;
    return s?.billedProduct?.billingAccount && s.billedProduct.status === 'ACTIVE' ? (s.billedProduct.billingAccount.id as string) : undefined;
  });

describe('issue 13: every sale channel ends installed, activated, billed and paid', () => {
  test('000 A + 000 B + 001: a new capture, a portfolio sale from a new need and a digital sale reach a paid invoice after one business-clock advance; reconciliation empty', async () => {
    const a = await actorsOf(uniqueTenant('channels'));
    const [analyst, agent] = await Promise.all([
      tokenFor(a.tenant, ['TECHNICAL_ANALYST'], { sub: 'analyst-1' }),
      tokenFor(a.tenant, ['DIGITAL_SALES_AGENT'], { sub: 'agent-1' }),
    ]);
    // The executive is staff of record: the portfolio's owner receives its new needs.
    await ok(a.admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'exec-1', name: 'Ejecutiva Uno', email: 'exec-1@example.com', roles: ['ACCOUNT_EXECUTIVE'] },
    });

    // 1. Business new capture (000 A), to activation.
    const sold = await sellToActivation(a);

    // 2. Portfolio (000 B): the customer in the executive's portfolio; a preventive review finds a new need.
    await waitFor(
      'customers to know the executive',
      async () => {
        const r = await ok(a.admin, `mutation($i: AssignPortfolioInput!) { assignPortfolio(input: $i) { customer { executiveId } } }`, {
          i: { customerId: sold.customerId, executiveId: 'exec-1' },
        }).catch(() => undefined);
        return r?.assignPortfolio.customer.executiveId === 'exec-1';
      },
      SLOW,
    );
    await waitFor(
      'techsupport to know the product',
      async () =>
        ok(analyst, `mutation($i: RecordPreventiveReviewInput!) { recordPreventiveReview(input: $i) { review { id } } }`, {
          i: {
            customerId: sold.customerId,
            installedProductId: sold.subscriptionId,
            outcome: 'CROSS_SELL',
            suggestion: 'Second fibre link for the new warehouse',
          },
        }).catch(() => undefined),
      SLOW,
    );
    const need = await until(
      'the new need in the executive’s pipeline',
      a.exec,
      `query { employee(id: "exec-1") { newNeeds(first: 5) { edges { node { id status customer { id } } } } } }`,
      {},
      (d) => d.employee?.newNeeds?.edges.map((e: any) => e.node).find((n: any) => n.customer.id === sold.customerId && n.status === 'OPEN'),
    );
    let p = (
      await ok(a.exec, pm('draftSaleProject', 'DraftSaleProjectInput'), {
        i: {
          customerId: sold.customerId,
          kind: 'PORTFOLIO',
          newNeedId: need.id,
          needs: 'Second fibre link for the new warehouse',
          items: [{ planCode: 'FIB-100' }],
          installationAddress: 'Av. Blanco Galindo km 5',
          location: HERE,
        },
      })
    ).draftSaleProject.saleProject;
    p = (await ok(a.clerk, pm('checkSaleProjectFeasibility', 'ProjectActInput'), { i: { projectId: p.id, expectedVersion: p.version } }))
      .checkSaleProjectFeasibility.saleProject;
    expect(p.status).toBe('FEASIBLE');
    const today = (await ok(a.admin, `{ businessClock { now } }`)).businessClock.now as string;
    const validUntil = new Date(Date.parse(today) + 15 * 86_400_000).toISOString().slice(0, 10);
    p = (
      await ok(a.exec, pm('makeCommercialOffer', 'MakeCommercialOfferInput'), {
        i: { projectId: p.id, expectedVersion: p.version, validUntil, channel: 'EMAIL' },
      })
    ).makeCommercialOffer.saleProject;
    const docs = await uploadRequirements(a.clerk, sold.customerId, ['REQUEST_LETTER', 'TAX_ID', 'LEGAL_REPRESENTATIVE_ID', 'POWER_OF_ATTORNEY']);
    p = (
      await okOnceFilesKnown(a.exec, pm('acceptCommercialOffer', 'AcceptCommercialOfferInput'), {
        i: { projectId: p.id, expectedVersion: p.version, backingAttachments: docs },
      })
    ).acceptCommercialOffer.saleProject;
    let order = (
      await ok(a.clerk, `mutation($i: EnterSalesOrderInput!) { enterSalesOrder(input: $i) { salesOrder { id version } } }`, {
        i: { projectId: p.id, expectedVersion: p.version, lines: [FIB], requirementAttachments: docs },
      })
    ).enterSalesOrder.salesOrder;
    order = (
      await ok(a.clerk, `mutation($i: OrderActInput!) { checkSalesOrderEntry(input: $i) { salesOrder { id version status } } }`, {
        i: { orderId: order.id, expectedVersion: order.version },
      })
    ).checkSalesOrderEntry.salesOrder;
    const installed = await install(a.coordinator, order.id);
    await ok(a.exec, `mutation($i: RecordSalesQualityCallInput!) { recordSalesQualityCall(input: $i) { salesOrder { status } } }`, {
      i: { orderId: order.id, expectedVersion: installed.version, outcome: 'OK', note: 'Both links working' },
    });
    const portfolioOrderId = order.id as string;
    const portfolioAccount = await billedAccountOf(a.admin, portfolioOrderId);

    // 3. Digital (001), to the agent's satisfaction call.
    const digital = await digitalOrderEntered(
      { agent, clerk: a.clerk },
      { plan: FIB, address: 'Calle Jordán 455, Cochabamba', location: HERE, name: 'Marcela Rojas' },
    );
    await ok(a.clerk, `mutation($i: OrderActInput!) { checkSalesOrderEntry(input: $i) { salesOrder { status } } }`, {
      i: { orderId: digital.order.id, expectedVersion: digital.order.version },
    });
    await install(a.coordinator, digital.order.id);
    const closed = await digitalStep(agent, SATISFACTION, 'recordDigitalSatisfactionCall', {
      requestId: digital.request.id,
      expectedVersion: digital.request.version,
      outcome: 'SATISFIED',
      note: 'Working',
    });
    expect(closed).toMatchObject({ status: 'CLOSED', salesOrder: { status: 'COMPLETED' } });
    const digitalAccount = await billedAccountOf(a.admin, digital.order.id);
    await until('the digital customer ACTIVE', a.admin, `query($id: ID!) { customer(id: $id) { status } }`, { id: digital.customerId }, (d) =>
      d.customer.status === 'ACTIVE' ? true : undefined,
    );

    // One advance of the business clock, to the 2nd of next month: the month closed is billed.
    const now = new Date(today);
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2, 15));
    const clock = (
      await ok(a.admin, `mutation($i: AdvanceBusinessClockInput!) { advanceBusinessClock(input: $i) { businessClock { now advanced } } }`, {
        i: { to: to.toISOString() },
      })
    ).advanceBusinessClock.businessClock;
    expect(clock.advanced).toBe(true);
    const accounts = [...new Set([sold.billingAccountId, portfolioAccount, digitalAccount])];
    for (const id of accounts) {
      const invoice = await until(`the closed month's invoice of ${id}`, a.clerk, ACCOUNT, { id }, (d) =>
        d.billingAccount.invoices.edges.map((e: any) => e.node).find((i: any) => i.status === 'OPEN' && i.lines.some((l: any) => l.kind === 'PLAN_FEE')),
      );
      expect(Number(invoice.total.amount)).toBeGreaterThan(0);
      await ok(a.clerk, `mutation($i: RegisterPaymentInput!) { registerPayment(input: $i) { payment { id } } }`, {
        i: { billingAccountId: id, amount: invoice.outstanding.amount, channel: 'BANK', externalReference: `PAY-${invoice.id}` },
      });
      await until('the invoice PAID', a.clerk, ACCOUNT, { id }, (d) =>
        d.billingAccount.invoices.edges.some((e: any) => e.node.id === invoice.id && e.node.status === 'PAID') ? true : undefined,
      );
    }
    expect(accounts.length).toBeGreaterThanOrEqual(2);

    await expectReconciled(a.admin, { completedOrders: [sold.orderId, portfolioOrderId, digital.order.id] });
  }, 600_000);
});
