/**
 * Business numbers and the texts customers read (issue #15): a sales order gets its SO-… number and a
 * post-sale request its PS-… number when created, unique, exposed and found by number; the customer's
 * timeline names them, never an internal id. In the same customer's story, in Spanish: a relocation
 * refused for lack of coverage (R-PS-C1) and, for a prospect, a sale project lost with its reason.
 * Every event from its real producer (./support/order-to-cash sells and activates); typed client ops.
 */
import {
  createClient,
  CustomerTimelineDocument,
  DeclineSaleProjectDocument,
  DraftSaleProjectDocument,
  EnterPostSaleRequestDocument,
  PostSaleRequestByNumberDocument,
  ReceivePostSaleRequestDocument,
  SalesOrderByNumberDocument,
  SalesOrderNumberDocument,
  type CustomerTimelineQuery,
} from '@vinculo/client';
import { testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { ok } from './support/untyped-answers';
import { actorsOf, sellToActivation } from './support/order-to-cash';
import { postsaleRequirementFiles } from './support/files';
import { expectReconciled } from './support/reconciliation';

let gateway = '';
beforeAll(() => {
  gateway = testStack().gatewayUrl;
});
const as = (token: string) => createClient({ url: gateway, token });
type Item = NonNullable<CustomerTimelineQuery['customer']>['timeline']['edges'][number]['node'];
const NUMBER = (prefix: string) => new RegExp(`^${prefix}-[0-9A-HJKMNP-TV-Z]{8}$`);

async function timeline(token: string, customerId: string, locale: 'ES' | 'EN' = 'ES'): Promise<Item[]> {
  const { customer } = await as(token).request(CustomerTimelineDocument, { id: customerId, locale, first: 100 });
  return customer!.timeline.edges.map((e) => e.node);
}

/** The timeline once an item of `type` whose summary matches is there (the customers consumer runs after the act). */
const itemOf = (token: string, customerId: string, type: string, summary: RegExp) =>
  waitFor(`${type} ${summary} in the timeline`, async () => (await timeline(token, customerId)).find((i) => i.eventType === type && summary.test(i.summary)), {
    timeoutMs: 60_000,
  });

describe('business numbers in what customers read (issue #15)', () => {
  test('a sold order has its SO number in the timeline; a refused relocation (R-PS-C1) and a lost project tell why, in Spanish, with numbers and no internal ids', async () => {
    const actors = await actorsOf(uniqueTenant('numbers'));
    const sold = await sellToActivation(actors);
    const order = (await as(actors.exec).request(SalesOrderNumberDocument, { id: sold.orderId })).salesOrder!;
    expect(order.number).toMatch(NUMBER('SO'));

    // Found by number as a person types it; malformed is bad input; another tenant does not see it.
    const typed = ` ${order.number!.toLowerCase()} `;
    expect((await as(actors.clerk).request(SalesOrderByNumberDocument, { number: typed })).salesOrderByNumber).toEqual({
      id: sold.orderId,
      number: order.number,
      status: 'COMPLETED',
    });
    expect((await as(actors.clerk).execute(SalesOrderByNumberDocument, { number: 'SO-123' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const stranger = await tokenFor(uniqueTenant('numbers-other'), ['COMMERCIAL_CLERK'], { sub: 'clerk-x' });
    expect((await as(stranger).request(SalesOrderByNumberDocument, { number: order.number! })).salesOrderByNumber).toBeNull();

    // The order's steps name its number; no summary shows the order's internal id.
    const placed = await itemOf(actors.admin, sold.customerId, 'sales.SalesOrderPlaced', /pedido SO-/);
    expect(placed.summary).toBe(`Control de calidad de digitación aprobado: pedido ${order.number} del plan FIB-100 en Av. Blanco Galindo km 4`);
    const activated = await itemOf(actors.admin, sold.customerId, 'sales.SalesOrderActivated', /activado/);
    expect(activated.summary).toBe(`Control de calidad con el cliente: servicio funcionando, plan FIB-100 activado (pedido ${order.number})`);

    // 002 C: a relocation to where there is no network. Received with its PS number, refused at entry (R-PS-C1).
    const far = { toAddress: 'Comunidad Tholapampa s/n, Tapacarí', latitude: -17.5, longitude: -66.6 };
    const received = (
      await as(actors.clerk).request(ReceivePostSaleRequestDocument, {
        input: {
          type: 'RELOCATION',
          customerId: sold.customerId,
          installedProductId: sold.subscriptionId,
          channel: 'LETTER',
          requirementAttachments: await postsaleRequirementFiles(actors.clerk, sold.customerId),
          relocation: far,
        },
      })
    ).receivePostSaleRequest.request;
    expect(received).toMatchObject({ type: 'RELOCATION', status: 'RECEIVED', number: expect.stringMatching(NUMBER('PS')) });
    const refused = await as(actors.clerk).execute(EnterPostSaleRequestDocument, { input: { requestId: received.id } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', rule: 'R-PS-C1' });
    expect((await as(actors.exec).request(PostSaleRequestByNumberDocument, { number: received.number! })).postSaleRequestByNumber).toEqual({
      id: received.id,
      number: received.number,
      type: 'RELOCATION',
      status: 'CLOSED',
      resolution: 'NOT_FEASIBLE',
    });
    const refusal = await itemOf(actors.admin, sold.customerId, 'postsale.PostSaleRequestStatusChanged', /de traslado cerrada/);
    expect(refusal.summary).toBe(`Solicitud ${received.number} de traslado cerrada: no factible — R-PS-C1: sin cobertura de red en la nueva dirección`);
    expect(refusal.result).toMatchObject({ decision: 'no factible', reason: 'R-PS-C1: sin cobertura de red en la nueva dirección' });
    expect(refusal.subject).toMatchObject({ typename: 'PostSaleRequest', id: received.id });
    // A second request gets another number.
    const second = (
      await as(actors.clerk).request(ReceivePostSaleRequestDocument, {
        input: {
          type: 'RELOCATION',
          customerId: sold.customerId,
          installedProductId: sold.subscriptionId,
          channel: 'EMAIL',
          requirementAttachments: await postsaleRequirementFiles(actors.clerk, sold.customerId),
          relocation: { ...far, toAddress: 'Comunidad Challa s/n' },
        },
      })
    ).receivePostSaleRequest.request;
    expect(second.number).toMatch(NUMBER('PS'));
    expect(second.number).not.toBe(received.number);

    // Customer-facing texts use numbers: no summary carries the order's or a request's internal id.
    const story = await waitFor(
      'the second request in the timeline',
      async () => {
        const t = await timeline(actors.admin, sold.customerId);
        return t.some((i) => i.summary.includes(second.number!)) ? t : undefined;
      },
      { timeoutMs: 60_000 },
    );
    for (const i of story) for (const id of [sold.orderId, received.id, second.id]) expect(i.summary).not.toContain(id);
    const english = await timeline(actors.admin, sold.customerId, 'EN');
    expect(english.map((i) => i.summary)).toEqual(
      expect.arrayContaining([
        `Sales order ${order.number} placed: plan FIB-100 at Av. Blanco Galindo km 4`,
        `Relocation request ${received.number} closed: not feasible — R-PS-C1: no network coverage at the new address`,
      ]),
    );

    // 000 A5: a prospect declines; the project is LOST and the timeline says why, in Spanish.
    const prospect = (
      await ok(actors.exec, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
        i: { kind: 'BUSINESS', name: 'Panadería Perdida SRL', taxId: String(7100000 + Math.floor(Math.random() * 90_000)) },
      })
    ).registerCustomer.customer.id as string;
    const drafted = await waitFor('sales to know the prospect', async () => {
      const r = await as(actors.exec).execute(DraftSaleProjectDocument, {
        input: {
          customerId: prospect,
          kind: 'NEW_CAPTURE',
          needs: 'Internet para la planta',
          items: [{ planCode: 'FIB-100' }],
          installationAddress: 'Av. Blanco Galindo km 5',
          location: { latitude: -17.3935, longitude: -66.157 },
        },
      });
      return r.errors ? undefined : r.data!.draftSaleProject.saleProject;
    });
    const lost = (
      await as(actors.exec).request(DeclineSaleProjectDocument, {
        input: { projectId: drafted.id, expectedVersion: drafted.version, reason: 'Eligió otro proveedor por precio' },
      })
    ).declineSaleProject.saleProject;
    expect(lost.status).toBe('LOST');
    const lostItem = await itemOf(actors.admin, prospect, 'sales.SaleProjectChanged', /perdido/);
    expect(lostItem.summary).toBe('Proyecto de venta perdido: Eligió otro proveedor por precio');
    expect(lostItem.result).toMatchObject({ decision: 'perdido', reason: 'Eligió otro proveedor por precio' });
    expect(lostItem.subject).toMatchObject({ typename: 'SaleProject', id: drafted.id, saleProject: { status: 'LOST' } });

    await expectReconciled(actors.admin, { completedOrders: [sold.orderId] });
  });
});
