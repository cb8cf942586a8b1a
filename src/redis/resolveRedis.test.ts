import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../log/logger';
import { freePort, pingRedis, RedisServerMissingError } from './redisServer';
import { resolveRedis } from './resolveRedis';

const quiet = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

describe('resolveRedis', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lapor-redis-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('uses REDIS_URL as given', async () => {
    expect(await resolveRedis('redis://example.invalid:6379', dataDir, quiet)).toEqual({ url: 'redis://example.invalid:6379', privateServer: null });
  });

  it('starts a private redis-server with AOF under DATA_DIR when nothing answers locally', async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const resolved = await resolveRedis(undefined, dataDir, quiet, { url: nobody });
    try {
      expect(resolved.privateServer).not.toBeNull();
      expect(resolved.url).not.toBe(nobody);
      expect(await pingRedis(resolved.url)).toBe(true);
      expect(existsSync(join(dataDir, 'redis'))).toBe(true);
    } finally {
      await resolved.privateServer?.stop();
    }
  });

  it('says how to install redis-server when there is none', async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const attempt = resolveRedis(undefined, dataDir, quiet, { url: nobody, pathEnv: '/nonexistent' });
    await expect(attempt).rejects.toBeInstanceOf(RedisServerMissingError);
    await expect(attempt).rejects.toThrow(/apt-get install -y redis-server/);
  });
});
