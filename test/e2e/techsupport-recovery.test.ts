/**
 * Technical support after a crash, through the gateway on real Kafka + Mongo-wire. The state a dead
 * process leaves is written straight into techsupport's database: a ticket stored DISPATCHED (its
 * event in its outbox) whose REPAIR work order was never opened gets it from techsupport's own
 * consumer of that event, once; calendar slots held by a booking that died before the visit recorded
 * it are reclaimed by the next booking instead of blocking the analyst forever.
 */
import mongoose from 'mongoose';
import { idFromEvent } from '@vinculo/common';
import { stackBus, testEvent, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';

const REG_TICKET = `mutation($i: RegisterDamageTicketInput!) { registerDamageTicket(input: $i) { ticket { id status priority version } } }`;
const TICKET = `query($id: ID!) { damageTicket(id: $id) { id status version workOrder { id type status priority ticket { id } notes } } }`;
const CUSTOMER_WOS = `query($id: ID!) { customer(id: $id) { workOrders(first: 20) { edges { node { id type } } } } }`;
const REQUEST = `mutation($i: RequestSupportVisitInput!) { requestSupportVisit(input: $i) { visit { id version } } }`;
const REMOTE = `mutation($i: RecordVisitRemoteAttemptInput!) { recordVisitRemoteAttempt(input: $i) { visit { id version } } }`;
const SCHEDULE = `mutation($i: ScheduleSupportVisitInput!) { scheduleSupportVisit(input: $i) { visit { id status start end workOrder { id technicianId status } } } }`;

const bus = stackBus();

/** A customer registered in customers and known to techsupport's customer directory (its read model). */
async function customerKnown(tenant: string, name: string, taxId: string): Promise<string> {
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
  const id = (
    await ok(clerk, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, { i: { kind: 'BUSINESS', name, taxId } })
  ).registerCustomer.customer.id as string;
  const conn = await techsupportDb();
  try {
    await waitFor('the customer in the techsupport directory', async () =>
      (await conn.collection('customer_directory').findOne({ _id: id as never, tenantId: tenant })) ? true : undefined,
    );
  } finally {
    await conn.close();
  }
  return id;
}

async function techsupportDb() {
  const { mongoUri, runId } = testStack();
  return mongoose.createConnection(mongoUri, { dbName: `t${runId}_techsupport` }).asPromise();
}

test('a ticket stored DISPATCHED without its REPAIR work order (crash) gets the order from its own event, once', async () => {
  const tenant = uniqueTenant('tsrec');
  const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-rec' });
  const customerId = await customerKnown(tenant, 'Despacho Perdido SRL', '8800001');
  const t = (
    await ok(coord, REG_TICKET, {
      i: { customerId, installedProductId: 'ip-rec', service: 'LINE', cause: 'No dial tone', address: 'Calle Junín 99, Sacaba', referencePhone: '70712345' },
    })
  ).registerDamageTicket.ticket;
  expect(t).toMatchObject({ status: 'WITH_COORDINATOR', priority: 'NORMAL' });

  // What dispatchDamageTicket writes in its one versioned ticket write; the process dies before opening the order.
  const workOrderId = idFromEvent('wo', `repair:${t.id}`);
  const now = new Date();
  const dispatched = testEvent(
    'techsupport',
    'techsupport.DamageTicketChanged',
    tenant,
    t.id,
    {
      ticketId: t.id,
      customerId,
      installedProductId: 'ip-rec',
      change: 'DISPATCHED',
      status: 'DISPATCHED',
      priority: 'NORMAL',
      service: 'LINE',
      reiteratedFrom: null,
      workOrderId,
      note: 'Send USM',
    },
    { actor: { userId: 'coord-rec', role: 'TECHNICAL_COORDINATOR' } },
  );
  const conn = await techsupportDb();
  try {
    const written = await conn
      .collection<{ _id: string } & Record<string, unknown>>('damage_tickets')
      .updateOne({ _id: t.id, tenantId: tenant, version: t.version }, {
        $set: { status: 'DISPATCHED', workOrderId },
        $inc: { version: 1 },
        $push: { history: { from: 'WITH_COORDINATOR', to: 'DISPATCHED', by: 'coord-rec', at: now, note: 'Send USM' }, outbox: dispatched },
      } as never);
    expect(written.modifiedCount).toBe(1);

    const ticket = await waitFor("the REPAIR work order from the ticket's own event", async () => {
      const r = (await ok(coord, TICKET, { id: t.id })).damageTicket;
      return r.workOrder ? r : undefined;
    });
    expect(ticket).toMatchObject({
      status: 'DISPATCHED',
      workOrder: { id: workOrderId, type: 'REPAIR', status: 'CREATED', priority: 'NORMAL', ticket: { id: t.id }, notes: expect.stringMatching(/Send USM/) },
    });
    // The same event delivered again, then (same key, so after it) a second ticket's dispatch stored the
    // same way: once that one's order is open, the redelivery has been consumed too — and opened nothing.
    await bus.publish(dispatched);
    const t2 = (
      await ok(coord, REG_TICKET, {
        i: { customerId, installedProductId: 'ip-rec-2', service: 'TV', cause: 'No signal', address: 'Calle Junín 99, Sacaba', referencePhone: '70712345' },
      })
    ).registerDamageTicket.ticket;
    const workOrderId2 = idFromEvent('wo', `repair:${t2.id}`);
    await conn.collection<{ _id: string } & Record<string, unknown>>('damage_tickets').updateOne({ _id: t2.id, tenantId: tenant, version: t2.version }, {
      $set: { status: 'DISPATCHED', workOrderId: workOrderId2 },
      $inc: { version: 1 },
      $push: { history: { from: 'WITH_COORDINATOR', to: 'DISPATCHED', by: 'coord-rec', at: now, note: null } },
    } as never);
    await bus.publish(
      testEvent('techsupport', 'techsupport.DamageTicketChanged', tenant, t.id, {
        ...dispatched.data,
        ticketId: t2.id,
        installedProductId: 'ip-rec-2',
        service: 'TV',
        workOrderId: workOrderId2,
        note: null,
      }),
    );
    await waitFor("the second ticket's order", async () => ((await ok(coord, TICKET, { id: t2.id })).damageTicket.workOrder ? true : undefined));
    const orders = (await ok(coord, CUSTOMER_WOS, { id: customerId })).customer.workOrders.edges.map((e: any) => e.node.id).sort();
    expect(orders).toEqual([workOrderId, workOrderId2].sort());
  } finally {
    await conn.close();
  }
});

test('calendar slots left by a booking that died before the visit recorded it are reclaimed; a live booking still refuses', async () => {
  const tenant = uniqueTenant('tsslot');
  const analyst = await tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-rec' });
  const customerId = await customerKnown(tenant, 'Calendario Roto SRL', '8800002');
  const needsVisit = async (description: string) => {
    const v = (await ok(analyst, REQUEST, { i: { customerId, channel: 'PHONE', description, address: 'Av. Ayacucho 300, Cochabamba' } })).requestSupportVisit
      .visit;
    return (await ok(analyst, REMOTE, { i: { visitId: v.id, expectedVersion: v.version, solved: false, notes: 'Needs on-site check' } }))
      .recordVisitRemoteAttempt.visit;
  };
  const dead = await needsVisit('Booking that crashed');
  const start = new Date(Date.now() + 5 * 86_400_000);
  start.setUTCHours(15, 0, 0, 0);
  // The dead booking held 15:00 and 15:15 two minutes ago, then died before its visit write.
  const conn = await techsupportDb();
  try {
    const heldAt = new Date(Date.now() - 120_000);
    await conn.collection<{ _id: string } & Record<string, unknown>>('calendar_slots').insertMany(
      [0, 15].map((m) => {
        const at = new Date(start.getTime() + m * 60_000);
        return { _id: `${tenant}|ana-rec|${at.toISOString()}`, tenantId: tenant, analystId: 'ana-rec', visitId: dead.id, at, heldAt };
      }),
    );
    const v = await needsVisit('Router on site');
    const booked = (
      await ok(analyst, SCHEDULE, { i: { visitId: v.id, expectedVersion: v.version, analystId: 'ana-rec', start: start.toISOString(), durationMinutes: 30 } })
    ).scheduleSupportVisit.visit;
    expect(booked).toMatchObject({ status: 'SCHEDULED', start: start.toISOString(), workOrder: { technicianId: 'ana-rec', status: 'ASSIGNED' } });
    const slots = await conn
      .collection('calendar_slots')
      .find({ tenantId: tenant } as never)
      .toArray();
    expect(slots.map((s) => s.visitId)).toEqual([v.id, v.id]);
    // That booking is live: the dead visit, retried at the same time, is refused.
    const retried = await execute<any>(
      SCHEDULE,
      { i: { visitId: dead.id, expectedVersion: dead.version, analystId: 'ana-rec', start: start.toISOString(), durationMinutes: 15 } },
      { token: analyst },
    );
    expect(retried.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  } finally {
    await conn.close();
  }
});
