/**
 * The server process: configuration from the environment, then `startServer`.
 * SIGTERM/SIGINT: store what is pending, close clients with 1012 (they reconnect), exit.
 */
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const server = await startServer(config);
  const cluster = config.redisUrl !== null ? `, cluster instance ${server.fanOut.instanceId} (Redis prefix ${config.redisPrefix})` : '';
  server.app.log.info(`Concerto is ready on ${server.url} (storage: ${server.storage.kind}, data: ${config.dataDir}${cluster})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info(`${signal}: storing pending updates and closing`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err: Error) => {
        server.app.log.error(`shutdown failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: Error) => {
  console.error(`Concerto could not start: ${err.stack ?? err.message}`);
  process.exit(1);
});
