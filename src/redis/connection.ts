import Redis, { type RedisOptions } from 'ioredis';

/**
 * Two flavours of connection, as BullMQ wants them: workers block and must retry for ever
 * (maxRetriesPerRequest null); producers on the request path must fail fast so intake can
 * answer 503 instead of hanging (no offline queue).
 */
export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: backoff });
}

export function producerConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    commandTimeout: 5000,
    retryStrategy: backoff,
    ...options,
  });
}

function backoff(times: number): number {
  return Math.min(100 * 2 ** Math.min(times, 6), 5000);
}
