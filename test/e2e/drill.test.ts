/**
 * The short fault drill of `npm test` (the full set is `npm run drill`): on a private stack — its
 * own engines with on-disk data, its own ports and databases — a flow of orders runs while the store
 * is stopped and restarted 6 s later. Afterwards every acknowledged order is present and taken to
 * COMPLETED with exactly one work order, one subscription and its billed product, and the
 * reconciliation report is empty. (The old kit dead-lettered events after ~1.5 s of store outage
 * and lost their effects.)
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startPrivateStack, runDrill } = require('../drill/drill') as {
  startPrivateStack: (o: Record<string, unknown>) => Promise<{ stop: () => Promise<void> }>;
  runDrill: (
    ctx: unknown,
    name: string,
    o: Record<string, unknown>,
  ) => Promise<{ ok: boolean; lost: number; duplicated: number; problems: string[]; completed: number }>;
};

describe('fault drill: the store restarts while events are processed', () => {
  let ctx: { stop: () => Promise<void> } | undefined;

  beforeAll(async () => {
    ctx = await startPrivateStack({ mongoPort: 27827, kafkaPort: 19892, basePort: 4800, log: () => {} });
  }, 300_000);

  afterAll(async () => {
    await ctx?.stop();
  }, 120_000);

  test('nothing acknowledged is lost or duplicated, and the reconciliation report is empty', async () => {
    const result = await runDrill(ctx, 'store-restart', { orders: 4, concurrency: 2, log: () => {} });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, lost: 0, duplicated: 0, completed: 4 });
  }, 600_000);
});
