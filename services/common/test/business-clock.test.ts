import {
  businessClockOffset,
  businessNow,
  businessTimeOf,
  decideClockAdvance,
  DomainError,
  newEnvelope,
  onBusinessClockAdvanced,
  setBusinessClockOffset,
  startJobs,
  createLogger,
  type JobClock,
} from '../src';

const DAY = 86_400_000;
const fail = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('business clock: the advance guard', () => {
  const wallNow = new Date('2026-12-03T12:00:00Z');

  test('an advance outside production moves forward to `to`: the offset is `to` minus the wall clock', () => {
    const to = new Date('2027-01-15T16:00:00Z');
    expect(decideClockAdvance({ current: wallNow, to, wallNow, production: false })).toEqual({ offsetMs: to.getTime() - wallNow.getTime() });
    // From an already advanced clock, the offset is still counted from the wall clock.
    const current = new Date(wallNow.getTime() + 10 * DAY);
    expect(decideClockAdvance({ current, to, wallNow, production: false }).offsetMs).toBe(to.getTime() - wallNow.getTime());
  });

  test('forward only: `to` not after the business now is BAD_USER_INPUT', () => {
    const current = new Date(wallNow.getTime() + 10 * DAY);
    for (const to of [current, new Date(current.getTime() - 1), wallNow, new Date(wallNow.getTime() + DAY)]) {
      const err = fail(() => decideClockAdvance({ current, to, wallNow, production: false }));
      expect([err.kind, err.details.field]).toEqual(['invalid_input', 'to']);
      expect(err.message).toMatch(/only moves forward/);
    }
    expect(fail(() => decideClockAdvance({ current, to: new Date('nope'), wallNow, production: false })).kind).toBe('invalid_input');
  });

  test('refused in production (FAILED_PRECONDITION), whatever `to` is', () => {
    const err = fail(() => decideClockAdvance({ current: wallNow, to: new Date(wallNow.getTime() + 30 * DAY), wallNow, production: true }));
    expect(err.kind).toBe('rule_violated');
    expect(err.message).toMatch(/production/);
  });
});

describe('business clock: offsets per tenant', () => {
  test('businessNow is the wall clock plus the tenant offset; offsets only grow; other tenants keep the wall clock', () => {
    const t = `tenant-${Math.random().toString(36).slice(2, 10)}`;
    const other = `tenant-${Math.random().toString(36).slice(2, 10)}`;
    expect(businessClockOffset(t)).toBe(0);
    expect(setBusinessClockOffset(t, 5 * DAY)).toBe(true);
    expect(setBusinessClockOffset(t, 2 * DAY)).toBe(false); // never lowered (redelivery, replay)
    expect(setBusinessClockOffset(t, 5 * DAY)).toBe(false);
    expect(businessClockOffset(t)).toBe(5 * DAY);
    const before = Date.now();
    const now = businessNow(t).getTime();
    expect(now).toBeGreaterThanOrEqual(before + 5 * DAY);
    expect(now).toBeLessThan(Date.now() + 5 * DAY + 1_000);
    expect(Math.abs(businessNow(other).getTime() - Date.now())).toBeLessThan(1_000);
    // An event's wall-clock time, in the tenant's business time.
    expect(businessTimeOf(t, '2026-12-03T12:00:00.000Z').toISOString()).toBe('2026-12-08T12:00:00.000Z');
    expect(businessTimeOf(other, new Date('2026-12-03T12:00:00.000Z')).toISOString()).toBe('2026-12-03T12:00:00.000Z');
  });

  test('listeners hear each forward move once, with the tenant', () => {
    const t = `tenant-${Math.random().toString(36).slice(2, 10)}`;
    const heard: [string, number][] = [];
    const stop = onBusinessClockAdvanced((tenantId, offsetMs) => heard.push([tenantId, offsetMs]));
    setBusinessClockOffset(t, DAY);
    setBusinessClockOffset(t, DAY);
    setBusinessClockOffset(t, 2 * DAY);
    stop();
    setBusinessClockOffset(t, 3 * DAY);
    expect(heard).toEqual([
      [t, DAY],
      [t, 2 * DAY],
    ]);
  });

  test("an event envelope's time stays on the wall clock when given a business time ahead of it", () => {
    const t = `tenant-${Math.random().toString(36).slice(2, 10)}`;
    setBusinessClockOffset(t, 40 * DAY);
    const event = newEnvelope(
      'customers',
      { tenantId: t, userId: 'u', roles: ['ADMIN'] },
      {
        type: 'customers.BusinessClockAdvanced',
        subject: t,
        data: { from: new Date().toISOString(), to: businessNow(t).toISOString(), offsetMs: 40 * DAY },
      },
      businessNow(t),
    );
    expect(Date.parse(event.time)).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - Date.parse(event.time)).toBeLessThan(60_000);
    // A past moment (a test, an import) is kept as given.
    const past = newEnvelope(
      'customers',
      { tenantId: t, userId: 'u', roles: ['ADMIN'] },
      { type: 'customers.BusinessClockAdvanced', subject: t, data: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z', offsetMs: 1 } },
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(past.time).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('scheduled jobs on a clock advance', () => {
  const logger = createLogger('test', 'silent');

  test('runFor runs every job for that tenant only, in order, at its business now, even with the interval off', async () => {
    const runs: string[] = [];
    const job = (name: string) => ({
      name,
      run: async (clock: JobClock) => {
        await new Promise((r) => setTimeout(r, 5));
        runs.push(`${name}:${clock.tenantId}:${clock.now(clock.tenantId!).toISOString()}`);
      },
    });
    const jobs = startJobs(
      [job('billing'), job('standings')],
      0,
      logger,
      (tenantId) => new Date(tenantId === 'a' ? '2027-01-15T16:00:00Z' : '2026-12-03T12:00:00Z'),
    );
    await Promise.all([jobs.runFor('a'), jobs.runFor('b')]);
    expect(runs.filter((r) => r.includes(':a:'))).toEqual(['billing:a:2027-01-15T16:00:00.000Z', 'standings:a:2027-01-15T16:00:00.000Z']);
    expect(runs.filter((r) => r.includes(':b:'))).toEqual(['billing:b:2026-12-03T12:00:00.000Z', 'standings:b:2026-12-03T12:00:00.000Z']);
    await jobs.stop();
    await jobs.runFor('a');
    expect(runs).toHaveLength(4);
  });

  test("a failing job is logged and does not stop the tenant's other jobs; a second advance runs after the first", async () => {
    const order: string[] = [];
    let calls = 0;
    const jobs = startJobs(
      [
        {
          name: 'fails',
          run: async () => {
            calls++;
            throw new Error('boom');
          },
        },
        {
          name: 'works',
          run: async (c: JobClock) => {
            await new Promise((r) => setTimeout(r, 10));
            order.push(c.now('t').toISOString());
          },
        },
      ],
      0,
      logger,
      (() => {
        let n = 0;
        return () => new Date(Date.UTC(2027, 0, ++n));
      })(),
    );
    await Promise.all([jobs.runFor('t'), jobs.runFor('t')]);
    expect(calls).toBe(2);
    expect(order).toHaveLength(2);
    expect(order[0]! < order[1]!).toBe(true);
    await jobs.stop();
  });
});
