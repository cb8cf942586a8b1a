import { join } from 'node:path';
import type { Logger } from '../log/logger';
import { pingRedis, startRedisServer, type RedisServerHandle } from './redisServer';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface ResolvedRedis {
  url: string;
  /** Set when we started a private redis-server, which we stop on shutdown. */
  privateServer: RedisServerHandle | null;
}

/**
 * REDIS_URL when set. Otherwise the local default when it answers, and failing that a private
 * redis-server under DATA_DIR/redis so `npm start` works on a machine with nothing running.
 */
export async function resolveRedis(
  configured: string | undefined,
  dataDir: string,
  log: Logger,
  local: { url: string; pathEnv?: string } = { url: DEFAULT_REDIS_URL },
): Promise<ResolvedRedis> {
  if (configured) return { url: configured, privateServer: null };
  if (await pingRedis(local.url)) {
    log.info({ redis: local.url }, 'REDIS_URL unset: using the Redis answering on 127.0.0.1:6379');
    return { url: local.url, privateServer: null };
  }
  const dir = join(dataDir, 'redis');
  const server = await startRedisServer({ dir, pathEnv: local.pathEnv });
  log.info({ redis: server.url, dir }, 'REDIS_URL unset and nothing on 127.0.0.1:6379: started a private redis-server (AOF on)');
  return { url: server.url, privateServer: server };
}
