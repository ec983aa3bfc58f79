import { Logger } from '@nestjs/common';

export type ShutdownStep = () => Promise<void> | void;

/**
 * Steps that must run after the HTTP server has drained and before the event store closes: stop the
 * projections runner so it saves its checkpoint, stop the Kafka relay after its last commit. The
 * owners register them (`app.get(SHUTDOWN_HOOKS).register(...)` or by injecting SHUTDOWN_HOOKS).
 */
export class ShutdownHooks {
  private readonly logger = new Logger('Shutdown');
  private readonly steps: Array<{ name: string; step: ShutdownStep }> = [];

  register(name: string, step: ShutdownStep): void {
    this.steps.push({ name, step });
  }

  /** Latest registered first, like a stack: a component registered later may depend on an earlier one. */
  async runAll(): Promise<void> {
    for (const { name, step } of this.steps.splice(0).reverse()) {
      try {
        await step();
        this.logger.log(`${name} stopped`);
      } catch (error) {
        // One failing step must not keep the store from being closed (and its queue flushed).
        this.logger.error(`${name} failed to stop: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
