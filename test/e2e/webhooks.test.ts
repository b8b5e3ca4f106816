/**
 * Partner webhooks (issue #19 item 3) through the gateway on real Kafka + Mongo-wire, with a real HTTP
 * receiver inside the test: a subscribed event arrives signed (verified with the README's snippet) as
 * its public contract, an unsubscribed one does not, a redelivered event is not sent twice; a failing
 * receiver gets retries with growing gaps, each recorded, and replays deliver exactly once more; a
 * receiver that keeps failing gets its endpoint disabled and the tenant's ADMIN notified (inbox +
 * e-mail) while a healthy endpoint is served all along; bad configuration is refused, nothing stored.
 * The test stack shortens the schedule (test/global-setup.js): 250 ms doubling to 4 s, given up after
 * 10 s, disabled after 3 deliveries given up.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  createClient,
  DisableWebhookEndpointDocument,
  EnableWebhookEndpointDocument,
  RegisterWebhookEndpointDocument,
  ReplayWebhookDeliveriesDocument,
  UpdateWebhookEndpointDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
  WebhookEventTypesDocument,
  type Client,
  type WebhookDeliveryStatus,
} from '@vinculo/client';
import { eventContracts, type EventEnvelope } from '@vinculo/common';
import { stackBus, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { ok } from './support/untyped-answers';
import { expectReconciled } from './support/reconciliation';

// ------------------------------------------------------------------ the partner's side

/** The README's verification snippet, run as a partner would copy it. */
const verifyLikeAPartner = (() => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const code = /<!-- webhook-verify:start -->\s*```js\n([\s\S]*?)```/.exec(readme)![1]!;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the README's snippet, run as written there
  return new Function('require', `${code}\nreturn verifyVinculoWebhook;`)(require) as (
    secret: string,
    headers: http.IncomingHttpHeaders,
    rawBody: string,
  ) => boolean;
})();

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * The test's webhook receiver: records every request; answers by the path's mode — `ok` 200,
 * `down` 500, or `flaky:<n>` 500 to the first n event deliveries (pings answered 200) then 200.
 */
class Receiver {
  readonly got: Received[] = [];
  private readonly modes = new Map<string, string>();
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      this.got.push(r);
      const mode = this.modes.get(r.path) ?? 'ok';
      const isPing = req.headers['vinculo-webhook-event'] === 'webhook.Ping';
      let status = 200;
      if (mode === 'down') status = 500;
      if (mode.startsWith('flaky:') && !isPing) {
        const failures = Number(mode.slice(6));
        const seen = this.events(r.path).length;
        status = seen <= failures ? 500 : 200;
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom');
    });
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop = () => new Promise<void>((resolve) => this.server.close(() => resolve()));
  mode(p: string, mode: string) {
    this.modes.set(p, mode);
    return `${this.url}${p}`;
  }
  /** Event deliveries (not pings) that reached a path. */
  events(p: string) {
    return this.got.filter((r) => r.path === p && r.headers['vinculo-webhook-event'] !== 'webhook.Ping');
  }
}

const receiver = new Receiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

// ------------------------------------------------------------------ the graph's side

const bus = stackBus();
const as = (token: string): Client => createClient({ url: testStack().gatewayUrl, token });
let seq = 8100000;
const REGISTER_CUSTOMER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const UPDATE_PROFILE = `mutation($id: ID!, $t: String) { updateCustomerProfile(input: { customerId: $id, tradeName: $t }) { customer { id } } }`;
const newCustomer = async (token: string, name: string) =>
  (await ok(token, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name, taxId: String(++seq) } })).registerCustomer.customer.id as string;

const deliveries = async (c: Client, endpointId: string, status?: WebhookDeliveryStatus) =>
  (await c.request(WebhookDeliveriesDocument, { endpointId, status: status ?? null, first: 50 })).webhookDeliveries.edges.map((e) => e.node);

const endpoint = async (c: Client, id: string) => (await c.request(WebhookEndpointsDocument)).webhookEndpoints.find((e) => e.id === id)!;

/** The envelope's keys, in the contract's order. */
/** Cross-process waits get a generous deadline (CI has 2 busy cores). */
const PATIENT = { timeoutMs: 90_000, intervalMs: 200 };
const waitLong = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe, PATIENT);

const ENVELOPE_KEYS = ['id', 'type', 'version', 'tenantId', 'source', 'subject', 'time', 'actor', 'correlationId', 'causationId', 'data'];

describe('webhooks for partners: signed, recorded, retried, replayable', () => {
  test('a subscribed event arrives signed as its public contract and verifies with the README snippet; an unsubscribed one does not; a redelivered event is sent once', async () => {
    const tenant = uniqueTenant('wh-sign');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const c = as(admin);
    const p = `/ok/${tenant}`;
    const url = receiver.mode(p, 'ok');
    expect((await c.request(WebhookEventTypesDocument)).webhookEventTypes).toContain('customers.CustomerUpdated');
    const reg = (await c.request(RegisterWebhookEndpointDocument, { input: { url, eventTypes: ['customers.CustomerUpdated'], description: 'ERP del socio' } }))
      .registerWebhookEndpoint;
    expect(reg.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(reg.ping.responseCode).toBe(200);
    expect(reg.endpoint).toMatchObject({ url, enabled: true, eventTypes: ['customers.CustomerUpdated'], secretHint: `whsec_…${reg.secret.slice(-4)}` });
    // The ping reached the receiver, signed with the same secret.
    const [pingReq] = receiver.got.filter((r) => r.path === p);
    expect(pingReq!.headers['vinculo-webhook-event']).toBe('webhook.Ping');
    expect(verifyLikeAPartner(reg.secret, pingReq!.headers, pingReq!.body)).toBe(true);
    // The secret is never readable afterwards.
    expect(JSON.stringify(await c.request(WebhookEndpointsDocument))).not.toContain(reg.secret.slice(6, 30));

    // customers.CustomerRegistered (not subscribed), then customers.CustomerUpdated (subscribed), same customer.
    const customerId = await newCustomer(admin, 'Socio Firmado SRL');
    await ok(admin, UPDATE_PROFILE, { id: customerId, t: 'Firmado' });
    const [first] = await waitLong('the subscribed event at the receiver', async () => (receiver.events(p).length ? receiver.events(p) : undefined));
    expect(first!.headers['vinculo-webhook-event']).toBe('customers.CustomerUpdated');
    expect(first!.headers['content-type']).toBe('application/json');
    expect(verifyLikeAPartner(reg.secret, first!.headers, first!.body)).toBe(true);
    expect(verifyLikeAPartner(reg.secret, first!.headers, first!.body.replace('Firmado', 'Alterado'))).toBe(false);
    const event = JSON.parse(first!.body) as EventEnvelope<{ customerId: string; tradeName: string }>;
    expect(Object.keys(event)).toEqual(ENVELOPE_KEYS);
    expect(eventContracts().check(event)).toMatchObject({ ok: true });
    expect(event).toMatchObject({
      type: 'customers.CustomerUpdated',
      tenantId: tenant,
      source: 'customers',
      subject: customerId,
      data: { customerId, tradeName: 'Firmado' },
    });
    expect(first!.headers['vinculo-webhook-id']).toBe(event.id);

    const [d] = await waitLong('the delivery recorded DELIVERED', async () => {
      const got = await deliveries(c, reg.endpoint.id);
      return got[0]?.status === 'DELIVERED' ? got : undefined;
    });
    expect(d).toMatchObject({
      id: `${reg.endpoint.id}:${event.id}`,
      eventId: event.id,
      eventType: 'customers.CustomerUpdated',
      series: 1,
      lastResponseCode: 200,
      payload: first!.body,
    });
    expect(d!.attempts).toEqual([expect.objectContaining({ series: 1, n: 1, responseCode: 200, error: null })]);
    expect(d!.attempts[0]!.latencyMs).toBeGreaterThanOrEqual(0);

    // The same event again on the bus (a Kafka redelivery), then a second update of the same customer
    // (same key, so consumed after it): two deliveries in all, each sent once.
    await bus.publish(event);
    await ok(admin, UPDATE_PROFILE, { id: customerId, t: 'Firmado Dos' });
    const both = await waitLong('the second update delivered', async () => {
      const got = await deliveries(c, reg.endpoint.id);
      return got.length === 2 && got.every((x) => x.status === 'DELIVERED') ? got : undefined;
    });
    expect(new Set(both.map((x) => x.eventId)).size).toBe(2);
    const sent = receiver.events(p);
    expect(sent.map((r) => r.headers['vinculo-webhook-event'])).toEqual(['customers.CustomerUpdated', 'customers.CustomerUpdated']);
    expect(sent.filter((r) => r.headers['vinculo-webhook-id'] === event.id)).toHaveLength(1);
    await expectReconciled(admin);
  }, 300_000);

  test('a receiver answering 500 gets retries with growing gaps, each attempt recorded; once it recovers, a replay by id and one by time range each deliver exactly once more', async () => {
    const tenant = uniqueTenant('wh-retry');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const c = as(admin);
    const p = `/flaky/${tenant}`;
    const reg = (
      await c.request(RegisterWebhookEndpointDocument, {
        input: { url: receiver.mode(p, 'flaky:3'), eventTypes: ['customers.CustomerRegistered'], secret: 'partner-chosen-secret-0123456789' },
      })
    ).registerWebhookEndpoint;
    expect(reg.secret).toBe('partner-chosen-secret-0123456789');
    const customerId = await newCustomer(admin, 'Receptor Intermitente SA');

    const [d] = await waitLong('the delivery DELIVERED after the receiver recovered', async () => {
      const got = await deliveries(c, reg.endpoint.id);
      return got[0]?.status === 'DELIVERED' ? got : undefined;
    });
    expect(d!.attempts.map((a) => [a.series, a.n, a.responseCode])).toEqual([
      [1, 1, 500],
      [1, 2, 500],
      [1, 3, 500],
      [1, 4, 200],
    ]);
    expect(d!.attempts.slice(0, 3).map((a) => a.error)).toEqual(['HTTP 500', 'HTTP 500', 'HTTP 500']);
    // Gaps grow: each is at least the schedule's delay (250, 500, 1000 ms), measured at the receiver too.
    const at = d!.attempts.map((a) => new Date(a.at).getTime());
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    gaps.forEach((g, i) => expect(g).toBeGreaterThanOrEqual(250 * 2 ** i));
    const arrivals = receiver.events(p);
    expect(arrivals.map((r) => r.headers['vinculo-webhook-attempt'])).toEqual(['1', '2', '3', '4']);
    const seen = arrivals.map((r) => r.at);
    seen.slice(1).forEach((t, i) => expect(t - seen[i]!).toBeGreaterThanOrEqual(250 * 2 ** i - 5));
    // Every attempt signed afresh (its own timestamp), every one verifiable, one event id throughout.
    for (const r of arrivals) expect(verifyLikeAPartner(reg.secret, r.headers, r.body)).toBe(true);
    expect(new Set(arrivals.map((r) => r.headers['vinculo-webhook-id'])).size).toBe(1);
    const eventId = arrivals[0]!.headers['vinculo-webhook-id'] as string;
    expect(JSON.parse(arrivals[0]!.body).data.customerId).toBe(customerId);

    // Replay by id: a new series, delivered once.
    expect(
      (await c.request(ReplayWebhookDeliveriesDocument, { input: { endpointId: reg.endpoint.id, deliveryIds: [d!.id] } })).replayWebhookDeliveries,
    ).toEqual({ replayed: 1, alreadyPending: 0, deliveryIds: [d!.id] });
    const replayed = await waitLong('the replay delivered', async () => {
      const [x] = await deliveries(c, reg.endpoint.id);
      return x?.series === 2 && x.status === 'DELIVERED' ? x : undefined;
    });
    expect(replayed.attempts.filter((a) => a.series === 2)).toEqual([expect.objectContaining({ n: 1, responseCode: 200 })]);
    expect(receiver.events(p).filter((r) => r.headers['vinculo-webhook-id'] === eventId)).toHaveLength(5);

    // Replay by the event's time range: once more.
    const t = new Date(replayed.eventTime).getTime();
    const byRange = (
      await c.request(ReplayWebhookDeliveriesDocument, {
        input: { endpointId: reg.endpoint.id, from: new Date(t - 1000).toISOString(), to: new Date(t + 1000).toISOString() },
      })
    ).replayWebhookDeliveries;
    expect(byRange).toEqual({ replayed: 1, alreadyPending: 0, deliveryIds: [d!.id] });
    await waitLong('the range replay delivered', async () => {
      const [x] = await deliveries(c, reg.endpoint.id);
      return x?.series === 3 && x.status === 'DELIVERED' ? x : undefined;
    });
    expect(receiver.events(p).filter((r) => r.headers['vinculo-webhook-id'] === eventId)).toHaveLength(6);
    // An empty range replays nothing.
    expect(
      (
        await c.request(ReplayWebhookDeliveriesDocument, {
          input: { endpointId: reg.endpoint.id, from: new Date(t + 1000).toISOString(), to: new Date(t + 2000).toISOString() },
        })
      ).replayWebhookDeliveries.replayed,
    ).toBe(0);
    await expectReconciled(admin);
  }, 300_000);

  test('a receiver that keeps failing gets its endpoint disabled and the ADMINs notified (inbox + e-mail); a healthy endpoint is served all along; after enabling, a replay covers what was skipped', async () => {
    const tenant = uniqueTenant('wh-down');
    const boot = await tokenFor(tenant, ['ADMIN']);
    await ok(boot, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'admin-w', name: 'Administradora Web', roles: ['ADMIN'], email: 'admin-w@vinculo.test' },
    });
    const admin = await tokenFor(tenant, ['ADMIN'], { sub: 'admin-w' });
    const c = as(admin);
    await waitLong('the webhook-disabled rule to reach the ADMIN', async () => {
      const r = (await ok(admin, `query { notificationRuleRecipients(ruleId: "webhook-disabled") { recipients { userId email } } }`))
        .notificationRuleRecipients;
      return r.recipients.some((x: { userId: string }) => x.userId === 'admin-w') ? r : undefined;
    });
    const down = `/down/${tenant}`;
    const fine = `/fine/${tenant}`;
    const broken = (
      await c.request(RegisterWebhookEndpointDocument, { input: { url: receiver.mode(down, 'down'), eventTypes: ['customers.CustomerRegistered'] } })
    ).registerWebhookEndpoint;
    // An HTTP error answering the ping is reported, not refused: the URL is reachable.
    expect(broken.ping.responseCode).toBe(500);
    const healthy = (
      await c.request(RegisterWebhookEndpointDocument, { input: { url: receiver.mode(fine, 'ok'), eventTypes: ['customers.CustomerRegistered'] } })
    ).registerWebhookEndpoint;

    for (const n of [1, 2, 3]) await newCustomer(admin, `Cliente Caído ${n} SRL`);
    // The healthy endpoint got all three at the first attempt, while the broken one kept failing.
    const served = await waitLong('the healthy endpoint served', async () => {
      const got = await deliveries(c, healthy.endpoint.id);
      return got.length === 3 && got.every((x) => x.status === 'DELIVERED') ? got : undefined;
    });
    for (const x of served) expect(x.attempts).toHaveLength(1);

    const disabled = await waitLong('the broken endpoint disabled', async () => {
      const e = await endpoint(c, broken.endpoint.id);
      return e.enabled ? undefined : e;
    });
    expect(disabled).toMatchObject({ disabledBy: 'SYSTEM', disabledReason: '3 deliveries in a row given up', consecutiveGivenUp: 3 });
    expect(disabled.failingSince).not.toBeNull();
    const failed = await deliveries(c, broken.endpoint.id, 'FAILED');
    expect(failed).toHaveLength(3);
    for (const x of failed) {
      expect(x.attempts.length).toBeGreaterThanOrEqual(5);
      expect(x.attempts.every((a) => a.responseCode === 500)).toBe(true);
    }
    expect((await endpoint(c, healthy.endpoint.id)).enabled).toBe(true);

    // The ADMIN is told: in the inbox and by e-mail (the rule `webhook-disabled`).
    const inbox = await waitLong('the ADMIN notified in the inbox', async () => {
      const r = (await ok(admin, `query { myNotifications(first: 10) { edges { node { ruleId title body } } } }`)).myNotifications.edges.map(
        (e: { node: unknown }) => e.node,
      );
      return r.length ? r : undefined;
    });
    expect(inbox).toEqual([expect.objectContaining({ ruleId: 'webhook-disabled', title: `Webhook desactivado: ${broken.endpoint.url}` })]);
    expect(inbox[0].body).toContain('3 deliveries in a row given up');
    const mailUrl = (JSON.parse(readFileSync(path.resolve(__dirname, '../../.cache/run/test-stack.json'), 'utf8')) as { mailUrl: string }).mailUrl;
    const mail = await waitLong('the ADMIN e-mailed', async () => {
      const all = (await (await fetch(`${mailUrl}messages`)).json()) as {
        to: string[];
        subject: string;
        headers: { tenant: string | null; rule: string | null };
      }[];
      const mine = all.filter((m) => m.headers.tenant === tenant && m.headers.rule === 'webhook-disabled');
      return mine.length ? mine : undefined;
    });
    expect(mail).toEqual([expect.objectContaining({ to: ['admin-w@vinculo.test'], subject: `Webhook desactivado: ${broken.endpoint.url}` })]);

    // Disabled: nothing is replayed, and a new event is recorded SKIPPED (the healthy one still gets it).
    const replayRefused = await c.execute(ReplayWebhookDeliveriesDocument, { input: { endpointId: broken.endpoint.id, deliveryIds: [failed[0]!.id] } });
    expect(replayRefused.errors?.[0]).toMatchObject({
      extensions: { code: 'FAILED_PRECONDITION', currentStatus: 'DISABLED', nextAct: 'enableWebhookEndpoint' },
    });
    await newCustomer(admin, 'Cliente Durante La Caída SRL');
    await waitLong('the event recorded SKIPPED for the disabled endpoint', async () =>
      (await deliveries(c, broken.endpoint.id, 'SKIPPED')).length === 1 ? true : undefined,
    );
    const before = receiver.events(down).length;

    // Fixed and enabled again: a replay of everything recorded delivers each of the four once.
    receiver.mode(down, 'ok');
    const enabled = (await c.request(EnableWebhookEndpointDocument, { id: broken.endpoint.id })).enableWebhookEndpoint;
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, consecutiveGivenUp: 0, failingSince: null });
    const all = await c.request(ReplayWebhookDeliveriesDocument, {
      input: { endpointId: broken.endpoint.id, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
    });
    expect(all.replayWebhookDeliveries).toMatchObject({ replayed: 4, alreadyPending: 0 });
    await waitLong('the four delivered', async () => {
      const got = await deliveries(c, broken.endpoint.id);
      return got.length === 4 && got.every((x) => x.status === 'DELIVERED') ? true : undefined;
    });
    const after = receiver.events(down).slice(before);
    expect(after).toHaveLength(4);
    expect(new Set(after.map((r) => r.headers['vinculo-webhook-id'])).size).toBe(4);
    expect((await endpoint(c, broken.endpoint.id)).lastSuccessAt).not.toBeNull();
    // Disabling by hand is recorded with who did it.
    expect((await c.request(DisableWebhookEndpointDocument, { id: healthy.endpoint.id })).disableWebhookEndpoint).toMatchObject({
      enabled: false,
      disabledBy: 'admin-w',
    });
    await expectReconciled(admin);
  }, 300_000);

  test('bad configuration is refused at once, naming the problem, and nothing is stored', async () => {
    const tenant = uniqueTenant('wh-bad');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const c = as(admin);
    const good = receiver.mode(`/ok/${tenant}`, 'ok');
    // A port nobody listens on.
    const closed = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const refusedWith = async (input: { url: string; eventTypes: string[]; secret?: string }, code: string, message: RegExp) => {
      const r = await c.execute(RegisterWebhookEndpointDocument, { input });
      expect(r.errors?.[0]).toMatchObject({ extensions: { code } });
      expect(r.errors![0]!.message).toMatch(message);
    };
    await refusedWith(
      { url: good, eventTypes: ['customers.CustomerRegistered', 'customers.CustomerTeleported'] },
      'BAD_USER_INPUT',
      /unknown event type "customers.CustomerTeleported"/,
    );
    await refusedWith({ url: good, eventTypes: ['sla.WorkOrderBreached'] }, 'BAD_USER_INPUT', /unknown event type "sla.WorkOrderBreached"/);
    await refusedWith({ url: good, eventTypes: [] }, 'BAD_USER_INPUT', /at least one event type/);
    await refusedWith({ url: 'partner.example/hook', eventTypes: ['customers.CustomerRegistered'] }, 'BAD_USER_INPUT', /not an absolute URL/);
    await refusedWith({ url: 'ftp://partner.example/hook', eventTypes: ['customers.CustomerRegistered'] }, 'BAD_USER_INPUT', /scheme ftp/);
    await refusedWith({ url: `http://127.0.0.1:${closed}/hook`, eventTypes: ['customers.CustomerRegistered'] }, 'BAD_USER_INPUT', /unreachable.*ECONNREFUSED/);
    await refusedWith({ url: good, eventTypes: ['customers.CustomerRegistered'], secret: 'short' }, 'BAD_USER_INPUT', /secret: 24 to 256/);
    // Only an ADMIN configures webhooks.
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    const r = await as(clerk).execute(RegisterWebhookEndpointDocument, { input: { url: good, eventTypes: ['customers.CustomerRegistered'] } });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await c.request(WebhookEndpointsDocument)).webhookEndpoints).toEqual([]);

    // An update that breaks a rule changes nothing either; one on a stale version is a CONFLICT.
    const reg = (await c.request(RegisterWebhookEndpointDocument, { input: { url: good, eventTypes: ['customers.CustomerRegistered'] } }))
      .registerWebhookEndpoint;
    const u = await c.execute(UpdateWebhookEndpointDocument, {
      input: { id: reg.endpoint.id, url: `http://127.0.0.1:${closed}/moved`, eventTypes: ['customers.CustomerUpdated'] },
    });
    expect(u.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await endpoint(c, reg.endpoint.id)).toMatchObject({ url: good, eventTypes: ['customers.CustomerRegistered'], version: 1 });
    const rotated = (await c.request(UpdateWebhookEndpointDocument, { input: { id: reg.endpoint.id, expectedVersion: 1, rotateSecret: true } }))
      .updateWebhookEndpoint;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(reg.secret);
    expect(rotated.endpoint).toMatchObject({ version: 2, secretHint: `whsec_…${rotated.secret!.slice(-4)}` });
    const stale = await c.execute(UpdateWebhookEndpointDocument, { input: { id: reg.endpoint.id, expectedVersion: 1, description: 'tarde' } });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  }, 300_000);
});
