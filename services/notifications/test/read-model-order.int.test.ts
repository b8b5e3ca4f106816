/**
 * The time-ordered read models of notifications (work orders' SLA, opportunities' stages, deadlines) on
 * the real Mongo-wire engine, written by the kit's one newest-wins rule with `eventOrder` (time, then
 * lifecycle rank): a replayed older event never undoes a newer one; two events of one command (same
 * time) both apply in lifecycle order, whatever order they arrive in; the same event twice is once.
 */
import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { connectMongo, handlerOf, rawCollection, type AnyEvent, type Handlers } from '@vinculo/common';
import { testEvent, testStack } from '@vinculo/common/testing';
import { workOrderSla } from '../src/store/work-order.model';
import { opportunityStages } from '../src/store/opportunity.model';
import { deadlines } from '../src/store/deadline.model';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const TENANT = 'tenant-a';

describe('notifications read models: one newest-wins rule on (time, lifecycle rank) (real Mongo-wire)', () => {
  let conn: Connection;
  let workOrders: ReturnType<typeof workOrderSla>;
  let opportunities: ReturnType<typeof opportunityStages>;
  let due: ReturnType<typeof deadlines>;

  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `notif_order_${randomUUID().slice(0, 8)}`);
    workOrders = workOrderSla(conn);
    opportunities = opportunityStages(conn);
    due = deadlines(conn);
    await Promise.all([workOrders.model.init(), opportunities.model.init(), due.model.init()]);
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  const deliver = (handlers: Handlers, e: AnyEvent) => handlerOf(handlers, e.type)!(e);
  const event = (source: string, type: string, subject: string, data: Record<string, unknown>, time: string) =>
    // Data as the test writes it: the contract check is the consumer's, not under test here.
    testEvent(source, type, TENANT, subject, data, { time }) as AnyEvent;
  const plain = async <T>(model: Model<T>, id: string) => model.findById(id).lean();

  describe('work orders (Created 0 < Progressed 1 < Closed 2)', () => {
    const wo = (type: string, id: string, time: string, dueAt: string | null = null) =>
      event('techsupport', `techsupport.${type}`, id, { workOrderId: id, customerId: 'cus-1', type: 'INSTALLATION', dueAt, outcome: 'CLOSED_RESOLVED' }, time);

    test('a replayed Created after the Closed keeps it closed', async () => {
      const id = `wo-${randomUUID()}`;
      const created = wo('WorkOrderCreated', id, at(0), at(3600));
      await deliver(workOrders.handlers, created);
      await deliver(workOrders.handlers, wo('WorkOrderClosed', id, at(60)));
      await deliver(workOrders.handlers, created);
      expect(await plain(workOrders.model, id)).toMatchObject({ open: false, dueAt: new Date(at(3600)) });
    });

    test('Created and Closed of one command (same time) both apply, in either arrival order', async () => {
      for (const order of [
        ['WorkOrderCreated', 'WorkOrderClosed'],
        ['WorkOrderClosed', 'WorkOrderCreated'],
      ]) {
        const id = `wo-${randomUUID()}`;
        for (const type of order) await deliver(workOrders.handlers, wo(type, id, at(10), at(7200)));
        // Closed always wins. In command order Created applied first (its due time stays); arriving after Closed it is older: dropped.
        expect(await plain(workOrders.model, id)).toMatchObject({ open: false, dueAt: order[0] === 'WorkOrderCreated' ? new Date(at(7200)) : null });
      }
    });

    test('the same event twice is the same as once (alerts raised meanwhile are kept)', async () => {
      const id = `wo-${randomUUID()}`;
      const progressed = wo('WorkOrderProgressed', id, at(30), at(900));
      await deliver(workOrders.handlers, wo('WorkOrderCreated', id, at(0), at(600)));
      await deliver(workOrders.handlers, progressed);
      await workOrders.model.updateOne({ _id: id }, { $push: { alerts: 'sla-1' } });
      const once = await plain(workOrders.model, id);
      await deliver(workOrders.handlers, progressed);
      expect(await plain(workOrders.model, id)).toEqual(once);
      expect(once).toMatchObject({ open: true, dueAt: new Date(at(900)), alerts: ['sla-1'] });
    });

    test('an entry written by the earlier rule (bare time) keeps its order: an older event is refused, a newer one applies', async () => {
      const id = `wo-${randomUUID()}`;
      await rawCollection(workOrders.model).insertOne({
        _id: id,
        tenantId: TENANT,
        customerId: 'cus-1',
        type: 'INSTALLATION',
        dueAt: null,
        open: false,
        asOf: at(60),
        alerts: [],
      });
      await deliver(workOrders.handlers, wo('WorkOrderProgressed', id, at(59), at(900)));
      expect(await plain(workOrders.model, id)).toMatchObject({ open: false, asOf: at(60) });
      await deliver(workOrders.handlers, wo('WorkOrderProgressed', id, at(60), at(900)));
      expect(await plain(workOrders.model, id)).toMatchObject({ open: true, asOf: `${at(60)}#01` });
    });
  });

  describe('opportunity stages (lifecycle rank)', () => {
    const opp = (type: string, id: string, time: string, extra: Record<string, unknown> = {}) =>
      event('proposals', `proposals.${type}`, id, { opportunityId: id, customerId: 'cus-1', ...extra }, time);

    test('newer then a replayed older stage: the newer stays; openedAt is the first insert', async () => {
      const id = `opp-${randomUUID()}`;
      await deliver(opportunities.handlers, opp('OpportunityQualified', id, at(0), { title: 'Fibra 300' }));
      await deliver(opportunities.handlers, opp('ProposalSent', id, at(120)));
      await deliver(opportunities.handlers, opp('ProposalSubmittedToCompliance', id, at(60)));
      expect(await plain(opportunities.model, id)).toMatchObject({ stage: 'ENVIADA', open: true, title: 'Fibra 300', openedAt: new Date(at(0)) });
    });

    test('a decision and the loss of one command (same time) both apply, in either arrival order', async () => {
      for (const late of [false, true]) {
        const id = `opp-${randomUUID()}`;
        const decided = opp('BusinessCaseDecided', id, at(30), { decision: 'GO' });
        const lost = opp('OpportunityLost', id, at(30));
        for (const e of late ? [lost, decided] : [decided, lost]) await deliver(opportunities.handlers, e);
        expect(await plain(opportunities.model, id)).toMatchObject({ stage: 'PERDIDA', open: false });
      }
    });

    test('the same event twice is the same as once', async () => {
      const id = `opp-${randomUUID()}`;
      const won = opp('OpportunityWon', id, at(300));
      await deliver(opportunities.handlers, opp('OpportunityQualified', id, at(0)));
      await deliver(opportunities.handlers, won);
      const once = await plain(opportunities.model, id);
      await deliver(opportunities.handlers, won);
      expect(await plain(opportunities.model, id)).toEqual(once);
      expect(once).toMatchObject({ stage: 'GANADA', open: false });
    });
  });

  describe('deadlines (opened 0 < closed 1; PQR by request step)', () => {
    const promise = (type: string, id: string, time: string) =>
      event('collections', `collections.${type}`, id, { promiseId: id, customerId: 'cus-1', promisedDate: '2026-03-10', outcome: 'KEPT' }, time);
    const pqr = (id: string, to: string, time: string) =>
      event(
        'postsale',
        'postsale.PostSaleRequestStatusChanged',
        id,
        { requestId: id, customerId: 'cus-1', requestType: 'PQR', from: null, to, answerDueDate: '2026-03-20' },
        time,
      );

    test('a replayed PaymentPromiseMade after its evaluation keeps the deadline closed', async () => {
      const id = `pp-${randomUUID()}`;
      const made = promise('PaymentPromiseMade', id, at(0));
      await deliver(due.handlers, made);
      await deliver(due.handlers, promise('PaymentPromiseEvaluated', id, at(86_400)));
      await deliver(due.handlers, made);
      expect(await plain(due.model, `PROMISE:${id}`)).toMatchObject({ open: false, dueDay: '2026-03-10' });
    });

    test('a PQR entered and closed by one command (same time): closed, in either arrival order', async () => {
      for (const steps of [
        ['AWAITING_ANSWER', 'CLOSED'],
        ['CLOSED', 'AWAITING_ANSWER'],
      ]) {
        const id = `req-${randomUUID()}`;
        for (const to of steps) await deliver(due.handlers, pqr(id, to, at(5)));
        expect(await plain(due.model, `PQR:${id}`)).toMatchObject({ open: false, data: { status: 'CLOSED' } });
      }
    });

    test('the same event twice is the same as once (alerts raised meanwhile are kept)', async () => {
      const id = `req-${randomUUID()}`;
      const awaiting = pqr(id, 'AWAITING_ANSWER', at(5));
      await deliver(due.handlers, awaiting);
      await due.model.updateOne({ _id: `PQR:${id}` }, { $push: { alerts: 'pqr-due-1' } });
      const once = await plain(due.model, `PQR:${id}`);
      await deliver(due.handlers, awaiting);
      expect(await plain(due.model, `PQR:${id}`)).toEqual(once);
      expect(once).toMatchObject({ open: true, alerts: ['pqr-due-1'] });
    });
  });
});
