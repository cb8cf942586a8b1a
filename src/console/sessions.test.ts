import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '../redis/redisServer';
import { SessionStore } from './sessions';

describe('console sessions in Redis', () => {
  let dir: string;
  let server: RedisServerHandle;
  let redis: Redis;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lapor-sessions-'));
    server = await startRedisServer({ dir });
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    await redis?.quit();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a session lives while used and ends after the idle time', async () => {
    const sessions = new SessionStore(redis, '{t}', 400);
    const s = await sessions.create('user-1', new Date());
    expect(s.id).toMatch(/^[\w-]{43}$/);
    expect(s.csrf).not.toBe(s.id);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 250));
      expect((await sessions.touch(s.id))?.userId).toBe('user-1');
    }
    await new Promise((r) => setTimeout(r, 600));
    expect(await sessions.touch(s.id)).toBeNull();
  });

  test('destroy ends a session; ids of the wrong shape are never looked up', async () => {
    const sessions = new SessionStore(redis, '{t}', 60_000);
    const s = await sessions.create('user-2', new Date());
    await sessions.destroy(s.id);
    expect(await sessions.touch(s.id)).toBeNull();
    expect(await sessions.touch('*')).toBeNull();
    expect(await redis.keys('{t}:console:session:*')).toEqual([]);
  });
});
