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

  const HOUR = 3_600_000;
  const user = (id: string) => ({ id, updatedAt: new Date('2026-01-01T00:00:00Z') });

  test('a session lives while used and ends after the idle time', async () => {
    const sessions = new SessionStore(redis, '{t}', { idleMs: 400, maxMs: HOUR });
    const s = await sessions.create(user('user-1'), new Date());
    expect(s.id).toMatch(/^[\w-]{43}$/);
    expect(s.csrf).not.toBe(s.id);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 250));
      expect((await sessions.touch(s.id, new Date()))?.userId).toBe('user-1');
    }
    await new Promise((r) => setTimeout(r, 600));
    expect(await sessions.touch(s.id, new Date())).toBeNull();
  });

  test('destroy ends a session; ids of the wrong shape are never looked up', async () => {
    const sessions = new SessionStore(redis, '{t}', { idleMs: 60_000, maxMs: HOUR });
    const s = await sessions.create(user('user-2'), new Date());
    await sessions.destroy(s.id);
    expect(await sessions.touch(s.id, new Date())).toBeNull();
    expect(await sessions.touch('*', new Date())).toBeNull();
    expect(await redis.keys('{t}:console:session:*')).toEqual([]);
  });

  test('a session used all the time still ends at its absolute lifetime, and never outlives it in Redis', async () => {
    const sessions = new SessionStore(redis, '{t}', { idleMs: 30 * 60_000, maxMs: 12 * HOUR });
    const login = new Date('2026-03-02T08:00:00Z');
    const s = await sessions.create(user('user-3'), login);
    expect(s.accountStamp).toBe('2026-01-01T00:00:00.000Z');
    for (let minute = 1; minute < 12 * 60; minute += 29) {
      expect(await sessions.touch(s.id, new Date(login.getTime() + minute * 60_000))).not.toBeNull();
    }
    // Ten minutes before the end the idle extension stops at the end, not 30 minutes later.
    expect(await sessions.touch(s.id, new Date(login.getTime() + 12 * HOUR - 10 * 60_000))).not.toBeNull();
    expect(await redis.pttl(`{t}:console:session:${s.id}`)).toBeLessThanOrEqual(10 * 60_000);
    expect(await sessions.touch(s.id, new Date(login.getTime() + 12 * HOUR))).toBeNull();
    expect(await redis.exists(`{t}:console:session:${s.id}`)).toBe(0);
  });
});
