import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { restrictNewFilesToOwner } from '@fristvakt/event-store';
import { ConfigError, environmentWithDotEnv, loadConfig } from './config/app-config';
import { createApp } from './create-app';
import { exitCleanlyOnSignals } from './ops/signals';

async function main(): Promise<void> {
  restrictNewFilesToOwner();
  let config;
  try {
    config = loadConfig(environmentWithDotEnv());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  exitCleanlyOnSignals(app, new Logger('Fristvakt'));
  await app.listen(config.port, config.host);
  new Logger('Fristvakt').log(`case-api listening on ${await app.getUrl()} (store: ${config.store}, data: ${config.dataDir})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`case-api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
