import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { channels } from '../../channels';
import { loadConfig } from '../../config/env';
import { startGateway, type Gateway } from '../../src/gateway';
import { createLogger } from '../../src/log/logger';
import { startRedisServer, type RedisServerHandle } from '../../src/redis/redisServer';
import { ALL_ROLES, type Roles } from '../../src/roles';

export interface TestGateway {
  gateway: Gateway;
  redis: RedisServerHandle;
  baseUrl: string;
  /** Every log line the gateway wrote, to assert that nothing secret leaks. */
  logs: string[];
  dataDir: string;
  stop(): Promise<void>;
}

export const TEST_API_TOKEN = 'agency-test-token-0123456789';

/**
 * A whole gateway in this process on a free port, with its own redis-server and an in-memory
 * PGlite store unless `env` says otherwise. Nothing is shared between test files.
 */
export async function startTestGateway(env: Record<string, string> = {}, roles: Roles = ALL_ROLES): Promise<TestGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lapor-test-'));
  const redis = await startRedisServer({ dir: join(dataDir, 'redis') });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: redis.url,
    STORE_URL: 'memory://',
    DATA_DIR: dataDir,
    API_TOKENS: `agency:${TEST_API_TOKEN}:*`,
    JOB_BACKOFF_MS: '50',
    LOG_LEVEL: 'debug',
    ...env,
  });
  const gateway = await startGateway(config, roles, channels, createLogger(config.LOG_LEVEL, sink));
  return {
    gateway,
    redis,
    baseUrl: `http://127.0.0.1:${gateway.port ?? 0}`,
    logs,
    dataDir,
    stop: async () => {
      await gateway.stop();
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How many messages the gateway's inbox holds, in any state: to show a refused request stored nothing. */
export async function inboxTotal(t: TestGateway): Promise<number> {
  const c = await t.gateway.store.inbox.countByState();
  return c.received + c.processed + c.failed;
}

/** Polls until `probe` returns a value (not undefined/null/false) or the time is up. */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
