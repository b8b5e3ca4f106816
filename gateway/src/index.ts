import { ConfigError } from '@vinculo/common';
import { startGateway } from './server';

export { startGateway, type RunningGateway } from './server';

const SHUTDOWN_GRACE_MS = 15_000;

/** Start the gateway and stop it gracefully on SIGINT/SIGTERM. */
export async function main(): Promise<void> {
  const gateway = await startGateway(process.env);
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    // A request that never finishes must not keep a terminating pod alive forever.
    setTimeout(() => {
      console.error(`gateway: ${signal} shutdown took longer than ${SHUTDOWN_GRACE_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    gateway
      .stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error(`gateway: error during ${signal} shutdown`, err);
        process.exit(1);
      });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    // A config problem is already a readable list; anything else gets its stack.
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
