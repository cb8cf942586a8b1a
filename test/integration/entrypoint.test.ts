import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startRedisServer, type RedisServerHandle } from '../../src/redis/redisServer';
import { spawnGateway, waitForHttp } from '../support/childGateway';
import { postAppReport } from '../support/appReports';

describe('node dist/src/main.js', () => {
  let dataDir: string;
  let redis: RedisServerHandle;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lapor-main-'));
    redis = await startRedisServer({ dir: join(dataDir, 'redis') });
  });
  afterAll(async () => {
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops at once on a bad setting, naming the variable', async () => {
    const child = spawnGateway([], { PORT: 'eighty', DATA_DIR: dataDir });
    expect(await child.exited).toBe(2);
    expect(child.output()).toMatch(/PORT: /);
  });

  it('explains an unknown command', async () => {
    const child = spawnGateway(['worker', 'everything'], { DATA_DIR: dataDir });
    expect(await child.exited).toBe(2);
    expect(child.output()).toContain('usage: node dist/src/main.js');
  });

  it('runs the whole gateway with the embedded store, reports ready, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawnGateway([], { PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redis.url, DATA_DIR: join(dataDir, 'all'), LOG_LEVEL: 'info' });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/readyz`, 60_000);
      const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as Record<string, unknown>;
      expect(ready).toMatchObject({ status: 'ready', redis: 'ok', store: { kind: 'pglite', state: 'ok' } });
      const res = await postAppReport(`http://127.0.0.1:${port}`, 'entrypoint-test-1', 'Lampu jalan mati di Jl. Pahlawan sejak Senin.');
      expect(res.status).toBe(201);
    } finally {
      child.proc.kill('SIGTERM');
    }
    expect(await child.exited).toBe(0);
    const lines = child.output().trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['gateway listening', 'shutting down: finishing jobs in hand']));
  });

  it('runs the API alone: it accepts reports while no worker runs', async () => {
    const port = await freePort();
    const child = spawnGateway(['api'], { PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redis.url, DATA_DIR: join(dataDir, 'api') });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
      const res = await postAppReport(`http://127.0.0.1:${port}`, 'entrypoint-test-2', 'Sampah tidak diangkut seminggu di RW 05.');
      expect(res.status).toBe(201);
    } finally {
      child.proc.kill('SIGTERM');
    }
    expect(await child.exited).toBe(0);
  });
});
