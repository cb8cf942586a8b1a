import { channels } from '../channels';
import { ConfigError, loadConfig } from '../config/env';
import { createLogger } from './log/logger';
import { maskString } from './log/mask';
import { RedisServerMissingError } from './redis/redisServer';
import { parseCommand, UsageError } from './roles';
import { reporterVaultOf } from './privacy/reporterKey';
import { openStore } from './store/openStore';
import { startGateway } from './gateway';

/** Entry point: `node dist/src/main.js [api | worker inbound | worker outbound … | migrate]`. */
async function main(): Promise<void> {
  const command = parseCommand(process.argv.slice(2));
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);

  if (command.kind === 'migrate') {
    const store = await openStore(config.STORE_URL, config.DATA_DIR, reporterVaultOf(config));
    await store.close();
    log.info({ store: store.kind }, 'migrations applied');
    return;
  }

  const gateway = await startGateway(config, command.roles, channels, log);
  if (gateway.port !== null) {
    log.info(`LAPOR! gateway ready: report form http://localhost:${gateway.port}/lapor`);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      // A second Ctrl-C means "now": jobs not finished stay in Redis and run again elsewhere.
      log.warn({ signal }, 'second signal: exiting at once');
      process.exit(130);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing jobs in hand');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // Configuration and usage problems are for a person to read, not a stack trace.
  if (error instanceof ConfigError || error instanceof UsageError || error instanceof RedisServerMissingError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`fatal: ${maskString(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
  process.exit(1);
});
