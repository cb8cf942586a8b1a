import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '../redis/redisServer';
import { RateLimiter } from './rateLimit';

describe('per-client rate limit (sliding minute, shared in Redis)', () => {
  let dir: string;
  let server: RedisServerHandle;
  let redis: Redis;
  let limiter: RateLimiter;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lapor-ratelimit-'));
    server = await startRedisServer({ dir });
    redis = new Redis(server.url);
    limiter = new RateLimiter(redis, '{t}');
  });
  afterAll(async () => {
    await redis?.quit();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const MINUTE = 60_000;
  const minuteStart = 1_000 * MINUTE;

  async function burst(client: string, count: number, at: number, limit: number): Promise<boolean[]> {
    const allowed: boolean[] = [];
    for (let i = 0; i < count; i++) allowed.push((await limiter.hit('b', client, limit, at)).allowed);
    return allowed;
  }

  test('lets the limit through and refuses the next, with a Retry-After', async () => {
    expect(await burst('a', 5, minuteStart + 10_000, 5)).toEqual([true, true, true, true, true]);
    const refused = await limiter.hit('b', 'a', 5, minuteStart + 10_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);
  });

  test('a burst just before a minute boundary still counts just after it', async () => {
    expect((await burst('c', 5, minuteStart + MINUTE - 100, 5)).every(Boolean)).toBe(true);
    expect((await limiter.hit('b', 'c', 5, minuteStart + MINUTE + 100)).allowed).toBe(false);
  });

  test('a client that waits a whole minute is let in again; other clients never share its count', async () => {
    await burst('d', 6, minuteStart + 30_000, 5);
    expect((await limiter.hit('b', 'e', 5, minuteStart + 30_000)).allowed).toBe(true);
    expect((await limiter.hit('b', 'd', 5, minuteStart + 30_000 + MINUTE)).allowed).toBe(true);
  });

  test('lets requests through when Redis cannot be reached (intake answers 503 by itself)', async () => {
    const down = new Redis({ port: 1, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    const decision = await new RateLimiter(down, '{t}').hit('b', 'f', 1);
    expect(decision.allowed).toBe(true);
    down.disconnect();
  });
});
