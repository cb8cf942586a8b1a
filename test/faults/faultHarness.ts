import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageKey } from '../../src/message/inboundMessage';
import { freePort, startRedisServer, type RedisServerHandle } from '../../src/redis/redisServer';
import { openStore } from '../../src/store/openStore';
import type { Store } from '../../src/store/types';
import { postAppReport } from '../support/appReports';
import { spawnGateway, waitForHttp, type ChildGateway } from '../support/childGateway';
import { createTempDatabase, PG_ADMIN_URL_SHOWN, postgresUnreachable, type TempDatabase } from '../support/tempPostgres';

/**
 * What every fault run needs: a private redis-server (AOF on), a fresh database on the PostgreSQL
 * server (several processes share it, and the test reads the books while the gateway runs), the
 * built gateway as child processes, and a citizen who keeps sending until each report is
 * acknowledged, the way the app retries.
 */
export const APP_SECRET = 'fault-suite-secret-0123456789abcdef0123';

const unreachable = postgresUnreachable();
let current: FaultRig | null = null;

/** test, or a visible skip naming why, when the PostgreSQL server is not there. */
export function faultTest(name: string, fn: () => Promise<void>, timeoutMs: number): void {
  if (unreachable) {
    // eslint-disable-next-line no-console
    console.warn(`fault test skipped: ${PG_ADMIN_URL_SHOWN} unreachable (${unreachable})`);
    test.skip(`${name} (skipped: no PostgreSQL server)`, fn);
  } else {
    test(
      name,
      async () => {
        try {
          await fn();
        } catch (error) {
          // What the gateway said is the first thing to read when a fault run fails.
          for (const [i, child] of (current?.children ?? []).entries()) {
            // eslint-disable-next-line no-console
            console.log(`gateway child ${i} (${child.proc.spawnargs.slice(2).join(' ') || 'all roles'}), last output:\n${child.output().split('\n').slice(-40).join('\n')}`);
          }
          throw error;
        }
      },
      timeoutMs,
    );
  }
}

export interface FaultRig {
  dataDir: string;
  redis: RedisServerHandle;
  db: TempDatabase;
  port: number;
  baseUrl: string;
  env: Record<string, string>;
  children: ChildGateway[];
  spawn(args: string[], extraEnv?: Record<string, string>): ChildGateway;
  /** The test's own connection to the store, for the ledger. */
  store(): Promise<Store>;
  /** Restarts redis-server on the same port and data directory (AOF replays the queue). */
  restartRedis(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultRig(prefix: string, env: Record<string, string> = {}, storeUrl?: (db: TempDatabase) => string): Promise<FaultRig> {
  const dataDir = mkdtempSync(join(tmpdir(), `lapor-${prefix}-`));
  const redisDir = join(dataDir, 'redis');
  let redis = await startRedisServer({ dir: redisDir });
  const db = await createTempDatabase(`lapor_${prefix}`);
  const port = await freePort();
  const fullEnv: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: redis.url,
    STORE_URL: storeUrl ? storeUrl(db) : db.url,
    DATA_DIR: dataDir,
    APP_SECRET,
    JOB_BACKOFF_MS: '100',
    JOB_LOCK_MS: '2000',
    INBOUND_CONCURRENCY: '10',
    LOG_LEVEL: 'warn',
    API_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  };
  const children: ChildGateway[] = [];
  let store: Store | null = null;
  const rig: FaultRig = {
    dataDir,
    get redis() {
      return redis;
    },
    db,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    env: fullEnv,
    children,
    spawn(args, extraEnv = {}) {
      const child = spawnGateway(args, { ...fullEnv, ...extraEnv });
      children.push(child);
      return child;
    },
    async store() {
      store ??= await openStore(db.url, dataDir);
      return store;
    },
    async restartRedis(downMs = 0) {
      await redis.stop();
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      redis = await startRedisServer({ dir: redisDir, port: redis.port });
    },
    async stop() {
      for (const child of children) if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
      await Promise.all(children.map((c) => c.exited));
      await store?.close();
      await redis.stop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  current = rig;
  return rig;
}

export async function waitReady(rig: FaultRig, timeoutMs = 60_000): Promise<void> {
  await waitForHttp(`${rig.baseUrl}/readyz`, timeoutMs);
}

export interface Citizen {
  /** Idempotency keys acknowledged (201) so far, with their tracking numbers. */
  acknowledged: Map<string, string>;
  /** Statuses of refused attempts (503 during an outage, …) and connection errors as 0. */
  refusals: Map<number, number>;
  /** Inbox message keys of the acknowledged reports, for the ledger. */
  messageKeys(): string[];
  /** Sends report `i`, retrying (as the app does) until it is acknowledged. */
  send(i: number): Promise<void>;
  /** Sends reports `from`…`to-1` one after another, `gapMs` apart. */
  stream(from: number, to: number, gapMs: number): Promise<void>;
}

export function citizen(baseUrl: () => string, run: string, retryGapMs = 100): Citizen {
  const acknowledged = new Map<string, string>();
  const refusals = new Map<number, number>();
  const refused = (status: number) => refusals.set(status, (refusals.get(status) ?? 0) + 1);
  const send = async (i: number) => {
    const key = `${run}-${i.toString().padStart(4, '0')}`;
    // Distinct places and subjects so dedup sees distinct complaints, as from distinct citizens.
    const text = `Laporan ${run} nomor ${i}: saluran air di gang ${i} RT ${i % 17} tersumbat, banjir setiap hujan deras.`;
    for (;;) {
      try {
        const res = await postAppReport(baseUrl(), key, text);
        if (res.status === 201) {
          acknowledged.set(key, ((await res.json()) as { trackingId: string }).trackingId);
          return;
        }
        refused(res.status);
        await res.body?.cancel();
      } catch {
        refused(0);
      }
      await new Promise((r) => setTimeout(r, retryGapMs));
    }
  };
  return {
    acknowledged,
    refusals,
    messageKeys: () => [...acknowledged.keys()].map((k) => messageKey('mobile', k)),
    send,
    async stream(from, to, gapMs) {
      for (let i = from; i < to; i++) {
        await send(i);
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
    },
  };
}

/** Waits (polling) until `condition` holds. */
export async function until(condition: () => boolean, timeoutMs = 60_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `work`, or an error describing it (`what()`, read at the deadline) once `ms` have passed: a stuck run fails with the gateway's output. */
export function within<T>(work: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what()} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
