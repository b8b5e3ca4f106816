import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eventContracts, newEnvelope } from '@vinculo/common';
import {
  deliveryHeaders,
  disableReason,
  maskSecret,
  nextAttemptAt,
  publicEvent,
  retryDelay,
  scheduleOffsets,
  secretProblem,
  sign,
  isPrivateAddress,
  unknownEventTypes,
  urlProblems,
  verify,
  DEFAULT_SCHEDULE,
  WEBHOOK_RULES,
  WEBHOOK_TEMPLATES,
  ENDPOINT_DISABLED,
} from '../src/domain/webhooks';
import { publicContracts } from '../src/application/webhooks';
import { postJson } from '../src/application/webhooks-http';
import { DEFAULT_RULES, ruleProblems } from '../src/domain/rules';
import { DEFAULT_TEMPLATES, missingFields } from '../src/domain/templates';
import { eventFieldCatalog } from '../src/application/catalog';
import { ROLES } from '@vinculo/common';

/** The verification snippet partners copy from the README, exactly as written there. */
function readmeVerifier(): (secret: string, headers: Record<string, string>, rawBody: string) => boolean {
  const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const block = /<!-- webhook-verify:start -->\s*```js\n([\s\S]*?)```\s*<!-- webhook-verify:end -->/.exec(readme);
  if (!block) throw new Error('README has no webhook-verify snippet');
  const code = block[1]!;
  expect(code.trim().split('\n').length).toBeLessThanOrEqual(10);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('require', `${code}\nreturn verifyVinculoWebhook;`)(require) as never;
}

const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

describe('webhook signature', () => {
  const secret = 'whsec_unit-test-secret-0123456789abcdef';
  const body = JSON.stringify({ id: 'e-1', type: 'customers.CustomerRegistered', data: { name: 'Señor Ñandú', amount: 1 } });

  test('the README snippet verifies a delivery signed by our signer, and refuses a tampered body, another secret or an old timestamp', () => {
    const verifyReadme = readmeVerifier();
    const now = Math.floor(Date.now() / 1000);
    const headers = lower(
      deliveryHeaders({
        secret,
        eventId: 'e-1',
        eventType: 'customers.CustomerRegistered',
        deliveryId: 'whe_1:e-1',
        attempt: 1,
        timestampSec: now,
        rawBody: body,
      }),
    );
    expect(verifyReadme(secret, headers, body)).toBe(true);
    expect(verifyReadme(secret, headers, body.replace('1}', '2}'))).toBe(false);
    expect(verifyReadme(`${secret}x`, headers, body)).toBe(false);
    const old = lower(deliveryHeaders({ secret, eventId: 'e-1', eventType: 'x', deliveryId: 'd', attempt: 1, timestampSec: now - 3600, rawBody: body }));
    expect(verifyReadme(secret, old, body)).toBe(false);
    expect(verifyReadme(secret, { ...headers, 'vinculo-webhook-signature': '' }, body)).toBe(false);
  });

  test('v1 = hex HMAC-SHA256(secret, timestamp + "." + rawBody); headers carry the event id, type, delivery and attempt', () => {
    // Computed independently (openssl dgst -sha256 -hmac key <<< "1700000000.{}" without newline).
    expect(sign('key', 1700000000, '{}')).toBe(createHmac('sha256', 'key').update('1700000000.{}').digest('hex'));
    const h = deliveryHeaders({
      secret,
      eventId: 'e-9',
      eventType: 'sales.SalesOrderPlaced',
      deliveryId: 'whe_2:e-9',
      attempt: 3,
      timestampSec: 1700000000,
      rawBody: body,
    });
    expect(h).toMatchObject({
      'Vinculo-Webhook-Id': 'e-9',
      'Vinculo-Webhook-Timestamp': '1700000000',
      'Vinculo-Webhook-Event': 'sales.SalesOrderPlaced',
      'Vinculo-Webhook-Delivery': 'whe_2:e-9',
      'Vinculo-Webhook-Attempt': '3',
      'content-type': 'application/json',
    });
    expect(h['Vinculo-Webhook-Signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verify(secret, h['Vinculo-Webhook-Signature']!, 1700000000, body, 1700000100)).toBe(true);
    expect(verify(secret, h['Vinculo-Webhook-Signature']!, 1700000000, body, 1700000301)).toBe(false);
  });

  test('secrets: too short or with spaces refused; queries show only the last four characters', () => {
    expect(secretProblem('short')).toMatch(/24 to 256/);
    expect(secretProblem('a'.repeat(23) + ' b')).toMatch(/printable/);
    expect(secretProblem('x'.repeat(32))).toBeNull();
    expect(maskSecret('whsec_abcdefghijklmnopqrstuvwxyz')).toBe('whsec_…wxyz');
    expect(maskSecret('x'.repeat(28) + 'tail')).toBe('…tail');
  });
});

describe('webhook retry schedule', () => {
  test('doubles from the initial delay, capped, and gives up past 24 h from the first attempt of the series', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, DEFAULT_SCHEDULE))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelay(20, DEFAULT_SCHEDULE)).toBe(60 * 60_000);
    const offsets = scheduleOffsets(DEFAULT_SCHEDULE);
    expect(offsets.slice(0, 4)).toEqual([0, 10_000, 30_000, 70_000]);
    expect(offsets.at(-1)!).toBeLessThanOrEqual(24 * 60 * 60_000);
    expect(offsets.at(-1)! + 60 * 60_000).toBeGreaterThan(24 * 60 * 60_000);
    for (let i = 2; i < offsets.length; i++) expect(offsets[i]! - offsets[i - 1]!).toBeGreaterThanOrEqual(offsets[i - 1]! - offsets[i - 2]!);
    expect(offsets.length).toBeGreaterThan(20);
    expect(offsets.length).toBeLessThan(40);
  });

  test('the next attempt counts from the end of the failed one; a late attempt past the window gives up', () => {
    const s = { initialMs: 200, maxMs: 1000, windowMs: 3000 };
    const start = new Date(0);
    expect(nextAttemptAt(1, start, new Date(50), s)).toEqual(new Date(250));
    expect(nextAttemptAt(4, start, new Date(1500), s)).toEqual(new Date(2500));
    expect(nextAttemptAt(5, start, new Date(2500), s)).toBeNull();
    expect(scheduleOffsets(s)).toEqual([0, 200, 600, 1400, 2400]);
  });
});

describe('webhook endpoint disabling', () => {
  const policy = { afterMs: 24 * 60 * 60_000, afterGivenUp: 5 };
  const now = new Date('2026-12-03T12:00:00Z');
  test('disabled after 24 h of nothing but failures, or after N deliveries in a row given up; short of both it stays enabled', () => {
    expect(disableReason({ failingSince: null, consecutiveGivenUp: 0 }, now, policy)).toBeNull();
    expect(disableReason({ failingSince: new Date(now.getTime() - 23 * 3600_000), consecutiveGivenUp: 4 }, now, policy)).toBeNull();
    expect(disableReason({ failingSince: new Date(now.getTime() - 24 * 3600_000), consecutiveGivenUp: 0 }, now, policy)).toMatch(
      /every attempt failed since 2026-12-02T12:00:00.000Z/,
    );
    expect(disableReason({ failingSince: new Date(now.getTime() - 60_000), consecutiveGivenUp: 5 }, now, policy)).toBe('5 deliveries in a row given up');
  });
});

describe('webhook endpoint URLs', () => {
  test('absolute http(s) only, no credentials or fragment; production: https and no loopback/private host', () => {
    expect(urlProblems('https://hooks.partner.example/vinculo', { production: true })).toEqual([]);
    expect(urlProblems('http://127.0.0.1:5000/hook', { production: false })).toEqual([]);
    expect(urlProblems('not a url', { production: false })).toEqual(['url: "not a url" is not an absolute URL']);
    expect(urlProblems('ftp://x.example/', { production: false })).toEqual(['url: scheme ftp is not http(s)']);
    expect(urlProblems('https://u:p@x.example/#frag', { production: false })).toEqual([expect.stringMatching(/no credentials/), 'url: no fragment (#…)']);
    expect(urlProblems('http://hooks.partner.example/', { production: true })).toEqual(['url: must be https in production']);
    for (const host of [
      'localhost',
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '[::1]',
      '[fd00::1]',
      '[::ffff:10.0.0.1]',
      'db.internal',
    ]) {
      expect(urlProblems(`https://${host}/hook`, { production: true })).toEqual([expect.stringMatching(/loopback or private/)]);
    }
  });

  test('private and special addresses are recognised (SSRF); public ones are not', () => {
    for (const ip of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
    ])
      expect([ip, isPrivateAddress(ip)]).toEqual([ip, true]);
    for (const ip of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])
      expect([ip, isPrivateAddress(ip)]).toEqual([ip, false]);
  });

  test('in production a host that resolves to a private address is refused when it is resolved, at every POST (DNS rebinding)', async () => {
    const r = await postJson('http://localhost:9/hook', '{}', {}, { timeoutMs: 2000, production: true });
    expect(r.responseCode).toBeNull();
    expect(r.error).toMatch(/^EPRIVATEADDR: localhost resolves to (127\.0\.0\.1|::1), a private address$/);
  });

  test('event types must be public contracts (the internal sla./webhook. alerts are not)', () => {
    const { types } = publicContracts();
    expect(types.has('customers.CustomerRegistered')).toBe(true);
    expect(unknownEventTypes(['customers.CustomerRegistered', 'customers.Nope', 'sla.WorkOrderBreached', ENDPOINT_DISABLED], types)).toEqual([
      'customers.Nope',
      'sla.WorkOrderBreached',
      ENDPOINT_DISABLED,
    ]);
  });
});

describe('webhook payload', () => {
  test('the body is the envelope and data exactly as the contracts define them: fields they do not name are dropped', () => {
    const c = publicContracts();
    const e = newEnvelope(
      'proposals',
      { tenantId: 'acme', userId: 'u1', roles: ['ADMIN'] },
      {
        type: 'proposals.OpportunityWon',
        subject: 'op-1',
        data: { opportunityId: 'op-1', customerId: 'c-1', leadId: null, wonAt: '2026-12-01T10:00:00.000Z' },
      },
    );
    const leaked = { ...e, _internal: 'x', partition: 3, actor: { ...e.actor, token: 'secret' }, data: { ...e.data, internalNote: 'no' } };
    const body = publicEvent(leaked as never, c.envelope, c.data.get('proposals.OpportunityWon@1'));
    expect(body).toEqual(e);
    expect(Object.keys(body)).toEqual(['id', 'type', 'version', 'tenantId', 'source', 'subject', 'time', 'actor', 'correlationId', 'causationId', 'data']);
    expect(eventContracts().check(body).ok).toBe(true);
  });
});

describe('webhook-disabled notice', () => {
  test('a default rule, mandatory, to every ADMIN by inbox and e-mail; its template uses only fields the alert carries', () => {
    const rule = DEFAULT_RULES.find((r) => r.id === 'webhook-disabled');
    expect(rule).toEqual(WEBHOOK_RULES[0]);
    expect(rule).toMatchObject({ eventType: ENDPOINT_DISABLED, recipients: [{ kind: 'ROLE', role: 'ADMIN' }], channels: ['IN_APP', 'EMAIL'], mandatory: true });
    expect(DEFAULT_TEMPLATES).toContainEqual(WEBHOOK_TEMPLATES[0]);
    const catalog = eventFieldCatalog();
    const problems = ruleProblems(rule!, {
      eventTypes: new Set(catalog.keys()),
      roles: new Set<string>(ROLES),
      addresses: new Set(),
      templateFields: (key, type) =>
        missingFields(
          DEFAULT_TEMPLATES.find((t) => t.key === key)!,
          catalog.get(type) ?? [],
        ),
    });
    expect(problems).toEqual([]);
  });
});
