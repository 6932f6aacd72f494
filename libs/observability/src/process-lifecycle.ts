import type { Logger } from 'pino';

/**
 * Runs a component's main: a failure to start is logged as fatal and exits 1, so a
 * supervisor (kubenest up, systemd) sees it at once.
 */
export function runMain(logger: Logger, component: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    logger.fatal({ err }, (err as Error).message ?? `${component} failed to start`);
    process.exit(1);
  });
}

/** On the first SIGTERM or SIGINT, runs `stop` once, then exits 0: the clean shutdown every component owes its supervisor. */
export function exitOnSignals(logger: Logger, stop: () => Promise<void>, message = 'shutting down'): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, message);
    await stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
