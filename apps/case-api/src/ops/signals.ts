import type { INestApplication, LoggerService } from '@nestjs/common';

/**
 * SIGTERM/SIGINT close the app (drain HTTP, stop components, close the store: see
 * GracefulShutdown) and exit 0, so an orchestrator sees a clean stop. A second signal while
 * closing exits at once: the operator means it.
 */
export function exitCleanlyOnSignals(app: INestApplication, logger: LoggerService): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn(`${signal} again while shutting down: exiting now`, 'Shutdown');
      process.exit(130);
    }
    closing = true;
    logger.log(`${signal}: shutting down`, 'Shutdown');
    app
      .close()
      .then(() => {
        logger.log('stopped', 'Shutdown');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, undefined, 'Shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
