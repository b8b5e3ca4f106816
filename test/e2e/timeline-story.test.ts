/**
 * Issue #15 "the timeline tells the story": a new capture from the draft to its paid invoice, every event
 * from its real producer (./support/order-to-cash sells and activates; the business clock lives into next
 * month so collections bills the month; the clerk registers the payment). The customer's timeline then
 * reads, step by step and in Spanish (the tenant's language), like seed 000's procedure "Ventas empresas
 * (nuevas captaciones)": proyecto de venta (4) → Vo.Bo. (4.1) → factibilidad en GIS (5) → oferta (7) →
 * acepta (7) → derivado para digitación (8) → digitado (10) → control de calidad de digitación (11) →
 * órdenes de trabajo (13, 14.1) → control de calidad con el cliente (14) → factura → pago. Every item
 * links its subject, and the steps that decide something carry their outcome.
 */
import {
  AdvanceBusinessClockDocument,
  BillingAccountInvoicesDocument,
  createClient,
  CustomerTimelineDocument,
  RegisterPaymentDocument,
  SalesOrderNumberDocument,
  type CustomerTimelineQuery,
} from '@vinculo/client';
import { testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { digitalOrderEntered } from './support/digital-sale';
import { actorsOf, sellToActivation } from './support/order-to-cash';
import { expectReconciled } from './support/reconciliation';

let gateway = '';
beforeAll(() => {
  gateway = testStack().gatewayUrl;
});

type Item = NonNullable<CustomerTimelineQuery['customer']>['timeline']['edges'][number]['node'];

async function timeline(token: string, customerId: string, locale: 'ES' | 'EN'): Promise<Item[]> {
  const { customer } = await createClient({ url: gateway, token }).request(CustomerTimelineDocument, { id: customerId, locale, first: 100 });
  return customer!.timeline.edges.map((e) => e.node).reverse(); // oldest first: the order the story is told
}

/** Where each expected step is in the story; steps of one group happen together (any order among them). */
function positions(story: string[], groups: (string | RegExp)[][]): number[][] {
  return groups.map((group) =>
    group.map((step) => {
      const at = story.findIndex((s) => (typeof step === 'string' ? s === step : step.test(s)));
      if (at < 0) throw new Error(`step not in the timeline: ${String(step)}\n${story.join('\n')}`);
      return at;
    }),
  );
}

describe('the timeline tells the story (issue #15)', () => {
  test('a new capture from draft to paid invoice reads step by step like seed 000 in Spanish, with subjects and outcomes', async () => {
    const actors = await actorsOf(uniqueTenant('story'));
    const sold = await sellToActivation(actors);

    // Live into next month: collections bills the month that closed (the activation's), then the customer pays.
    const [admin, clerk] = [createClient({ url: gateway, token: actors.admin }), createClient({ url: gateway, token: actors.clerk })];
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 1, 15);
    next.setUTCHours(16, 0, 0, 0);
    await admin.request(AdvanceBusinessClockDocument, { input: { to: next.toISOString() } });
    const invoice = await waitFor(
      'the month billed',
      async () => (await clerk.request(BillingAccountInvoicesDocument, { id: sold.billingAccountId })).billingAccount?.invoices.edges[0]?.node,
      { timeoutMs: 60_000 },
    );
    expect(invoice).toMatchObject({ status: expect.stringMatching(/OPEN|OVERDUE/), total: { currency: 'BOB' } });
    const paid = (
      await clerk.request(RegisterPaymentDocument, {
        input: { billingAccountId: sold.billingAccountId, amount: invoice.total.amount, channel: 'CASHIER', externalReference: 'CAJA-STORY-1' },
      })
    ).registerPayment;
    expect(paid.billingAccount.standing).toBe('UP_TO_DATE');

    const items = await waitFor(
      'the payment in the timeline',
      async () => {
        const t = await timeline(actors.admin, sold.customerId, 'ES');
        return t.some((i) => i.eventType === 'collections.PaymentReceived') ? t : undefined;
      },
      { timeoutMs: 60_000 },
    );
    const story = items.map((i) => i.summary);

    const [month, total] = [invoice.period, invoice.total.amount];
    // The order is named by its business number (SO-…), never its id.
    const so = (await clerk.request(SalesOrderNumberDocument, { id: sold.orderId })).salesOrder!.number!;
    expect(so).toMatch(/^SO-[0-9A-HJKMNP-TV-Z]{8}$/);
    const steps = positions(story, [
      ['Registrado como empresa (Distribuidora Illimani SRL), prospecto'],
      ['Plantea proyecto de venta (nueva captación)'],
      ['Proyecto de venta con Vo.Bo. del responsable del equipo'],
      ['Factibilidad técnica y requisitos verificados en GIS: factible'],
      ['Oferta comercial enviada al cliente: tarifa mensual 250.00 BOB, instalación 100.00 BOB'],
      [/^El cliente acepta la oferta comercial/],
      [
        'Derivado a la gestora comercial para la digitación del plan contratado',
        `Plan solicitado digitado en el sistema con documentos de respaldo (pedido ${so})`,
      ],
      [`Control de calidad de digitación aprobado: pedido ${so} del plan FIB-100 en Av. Blanco Galindo km 4`],
      ['Orden de trabajo de instalación creada'],
      ['Orden de trabajo de instalación asignada a CUADRILLA-3'],
      ['Orden de trabajo de instalación en ejecución'],
      ['Orden de trabajo de instalación cerrada resuelta: ONT installed, 100 Mbps measured'],
      [`Pedido instalado: orden de trabajo cerrada (pedido ${so})`],
      [`Control de calidad con el cliente: servicio funcionando, plan FIB-100 activado (pedido ${so})`],
      [
        /^Producto instalado: internet FIB-100, servicio /,
        /^Suscripción al plan FIB-100 activada desde el \d{4}-\d{2}-\d{2}: 250\.00 BOB al mes$/,
        /^Cuenta de facturación BA-[A-Z0-9]+ abierta \(BOB\)$/,
        'El cliente pasa de prospecto a activo',
      ],
      [`Factura ${invoice.number} emitida por el mes ${month}: ${total} BOB, vence el ${invoice.dueDate}`],
      [`Pago recibido por caja: ${total} BOB`],
    ]);
    // Step by step: every step after every step of the group before it.
    for (let g = 1; g < steps.length; g++) expect(Math.min(...steps[g]!)).toBeGreaterThan(Math.max(...steps[g - 1]!));

    // No step is left as a generic "Sale project changed (sales)": every item has words of its own and a subject.
    for (const i of items) {
      expect(i.summary).not.toMatch(/\((customers|sales|postsale|collections|techsupport|proposals)\)$/);
      expect(i.subject).not.toBeNull();
    }
    // The subject resolves through the gateway from its owner; the decisive steps carry their outcome.
    const of = (type: string, match: (i: Item) => boolean = () => true) => items.find((i) => i.eventType === type && match(i))!;
    const offered = of('sales.SaleProjectChanged', (i) => i.summary.startsWith('Oferta comercial'));
    expect(offered.subject).toMatchObject({ typename: 'SaleProject', saleProject: { id: offered.subject!.id, status: 'ORDER_ENTERED' } });
    expect(offered.result).toMatchObject({ decision: 'oferta comercial enviada', amount: { amount: '250.00', currency: 'BOB' } });
    expect(of('techsupport.WorkOrderClosed').subject).toMatchObject({ typename: 'WorkOrder', workOrder: { id: sold.installationWorkOrderId } });
    expect(of('techsupport.WorkOrderClosed').result).toMatchObject({ decision: 'resuelta', reason: 'ONT installed, 100 Mbps measured' });
    const issued = of('collections.InvoiceIssued');
    expect(issued.subject).toMatchObject({ typename: 'Invoice', invoice: { id: invoice.id, number: invoice.number } });
    expect(issued.result).toMatchObject({ amount: { amount: total, currency: 'BOB' }, date: invoice.dueDate });
    expect(issued.outcome).toBe(`${total} BOB — ${invoice.dueDate}`);
    const payment = of('collections.PaymentReceived');
    expect(payment.subject).toMatchObject({ typename: 'Payment', payment: { id: paid.payment.id } });
    expect(payment.result).toMatchObject({ amount: { amount: total } });
    expect(of('sales.SalesOrderActivated').subject).toMatchObject({ typename: 'SalesOrder', salesOrder: { id: sold.orderId } });

    // The second locale tells the same story in English.
    const english = await timeline(actors.admin, sold.customerId, 'EN');
    expect(english.map((i) => i.eventType)).toEqual(items.map((i) => i.eventType));
    expect(english.map((i) => i.summary)).toEqual(
      expect.arrayContaining([
        'Sale project drafted (new capture)',
        `Sales order ${so} placed: plan FIB-100 at Av. Blanco Galindo km 4`,
        `Payment received by cashier: ${total} BOB`,
      ]),
    );

    await expectReconciled(actors.admin, { completedOrders: [sold.orderId] });
  });

  test('the ETA told to a digital customer and why a digital request was refused reach their timelines (seed 001)', async () => {
    const actors = await actorsOf(uniqueTenant('story-dig'));
    await sellToActivation(actors); // the tenant's network and plan FIB-100, as the digital channel needs them
    const agent = await tokenFor(actors.tenant, ['DIGITAL_SALES_AGENT'], { sub: 'agent-1' });
    const entered = await digitalOrderEntered(
      { agent, clerk: actors.clerk },
      {
        plan: { planCode: 'FIB-100', monthlyFee: '250.00', installationCost: '100.00' },
        address: 'Calle Jordán 455',
        location: { latitude: -17.3935, longitude: -66.157 },
      },
    );
    const eta = await waitFor(
      'the ETA in the timeline',
      async () =>
        (await timeline(actors.admin, entered.customerId, 'ES')).find(
          (i) => i.eventType === 'sales.DigitalSaleRequestChanged' && i.summary.startsWith('Solicitud digital: pedido digitado'),
        ),
      { timeoutMs: 60_000 },
    );
    expect(eta.summary).toMatch(
      /^Solicitud digital: pedido digitado y fecha estimada de ejecución informada al cliente: del \d{4}-\d{2}-\d{2} al \d{4}-\d{2}-\d{2}$/,
    );
    expect(eta.result).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), dateTo: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(eta.subject).toMatchObject({ typename: 'DigitalSaleRequest', id: entered.request.id });

    // Another person asks for an address out of coverage: refused, and the reason told reaches the timeline.
    const card = String(8800000 + Math.floor(Math.random() * 100_000));
    const customerId = (
      await ok(actors.clerk, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
        i: { kind: 'PERSON', name: 'Rubén Flores', identityCard: card },
      })
    ).registerCustomer.customer.id as string;
    const act = `id version status`;
    const refused = await waitFor(
      'the request refused for coverage',
      async () => {
        const r = (
          await ok(agent, `mutation($i: ReceiveDigitalSaleRequestInput!) { receiveDigitalSaleRequest(input: $i) { digitalSaleRequest { ${act} } } }`, {
            i: { channel: 'WEB', identityCard: card, planCode: 'FIB-100' },
          })
        ).receiveDigitalSaleRequest.digitalSaleRequest;
        const cleared = await execute<any>(
          `mutation($i: DigitalActInput!) { checkDigitalSaleImpediments(input: $i) { digitalSaleRequest { ${act} } } }`,
          { i: { requestId: r.id, expectedVersion: r.version } },
          { token: agent },
        );
        if (cleared.errors) return undefined; // the person not known to sales yet
        const c = cleared.data!.checkDigitalSaleImpediments.digitalSaleRequest;
        return (
          await ok(agent, `mutation($i: CheckDigitalSaleCapacityInput!) { checkDigitalSaleCapacity(input: $i) { digitalSaleRequest { ${act} } } }`, {
            i: { requestId: c.id, expectedVersion: c.version, installationAddress: 'Sacaba km 12', location: { latitude: -17.2, longitude: -65.9 } },
          })
        ).checkDigitalSaleCapacity.digitalSaleRequest;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(refused.status).toBe('NOT_FEASIBLE');
    const refusal = await waitFor(
      'the refusal in the timeline',
      async () =>
        (await timeline(actors.admin, customerId, 'ES')).find(
          (i) => i.eventType === 'sales.DigitalSaleRequestChanged' && i.summary.startsWith('Solicitud digital rechazada'),
        ),
      { timeoutMs: 60_000 },
    );
    expect(refusal.summary).toMatch(/^Solicitud digital rechazada: .{5,}/);
    expect(refusal.result).toMatchObject({ decision: 'rechazada', reason: expect.stringMatching(/.{5,}/) });
  });
});
