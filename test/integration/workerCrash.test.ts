import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { freePort, startRedisServer, type RedisServerHandle } from '../../src/redis/redisServer';
import { INBOUND_QUEUE } from '../../src/queue/queues';
import { openStore } from '../../src/store/openStore';
import type { Store } from '../../src/store/types';
import { spawnGateway, waitForHttp, type ChildGateway } from '../support/childGateway';
import { postAppReport } from '../support/appReports';
import { createTempDatabase, PG_ADMIN_URL_SHOWN, postgresUnreachable, type TempDatabase } from '../support/tempPostgres';
import { eventually } from '../support/testGateway';
import { printLedger, settledLedger } from '../support/ledger';
import { messageKey } from '../../src/message/inboundMessage';

/**
 * Several processes share Redis and the PostgreSQL server, as in production. The inbound worker
 * is killed with SIGKILL while it holds jobs, again and again, under a steady stream of reports.
 */
const MESSAGES = 150;
const KILLS = 3;

const unreachable = postgresUnreachable();
if (unreachable) {
  // eslint-disable-next-line no-console
  console.warn(`worker-crash test skipped: ${PG_ADMIN_URL_SHOWN} unreachable (${unreachable})`);
}

let db: TempDatabase | null = null;
afterAll(async () => {
  await db?.drop();
});

(unreachable ? test.skip : test)(`a worker killed mid-job loses nothing and duplicates nothing${unreachable ? ' (skipped: no PostgreSQL server)' : ''}`, async () => {
  db = await createTempDatabase('lapor_crash');
  const dataDir = mkdtempSync(join(tmpdir(), 'lapor-crash-'));
  const redis: RedisServerHandle = await startRedisServer({ dir: join(dataDir, 'redis') });
  const port = await freePort();
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: redis.url,
    STORE_URL: db.url,
    DATA_DIR: dataDir,
    APP_SECRET: 'crash-test-secret-0123456789abcdef0123',
    JOB_LOCK_MS: '1500',
    JOB_BACKOFF_MS: '100',
    INBOUND_CONCURRENCY: '10',
    LOG_LEVEL: 'warn',
    API_RATE_LIMIT_PER_MINUTE: '100000',
  };
  const children: ChildGateway[] = [];
  const spawnChild = (args: string[]) => {
    const child = spawnGateway(args, env);
    children.push(child);
    return child;
  };
  const queue = new Queue(INBOUND_QUEUE, { connection: { url: redis.url }, prefix: '{lapor}' });
  let store: Store | null = null;
  try {
    spawnChild(['api']);
    spawnChild(['worker', 'outbound']);
    let inbound = spawnChild(['worker', 'inbound']);
    await waitForHttp(`http://127.0.0.1:${port}/readyz`);

    const acknowledged = new Map<string, string>();
    const send = async (i: number) => {
      const key = `crash-test-${i.toString().padStart(4, '0')}`;
      for (;;) {
        const res = await postAppReport(`http://127.0.0.1:${port}`, key, `Laporan nomor ${i}: saluran air tersumbat di RT ${i % 20}, banjir tiap hujan.`);
        if (res.status === 201) {
          acknowledged.set(key, ((await res.json()) as { trackingId: string }).trackingId);
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    let killsWithActiveJobs = 0;
    const killer = (async () => {
      for (let k = 0; k < KILLS; k++) {
        await new Promise((r) => setTimeout(r, 600));
        const deadline = Date.now() + 3000;
        let active = 0;
        while (Date.now() < deadline && (active = await queue.getActiveCount()) === 0) await new Promise((r) => setTimeout(r, 5));
        if (active > 0) killsWithActiveJobs++;
        inbound.proc.kill('SIGKILL');
        await inbound.exited;
        inbound = spawnChild(['worker', 'inbound']);
      }
    })();
    for (let i = 0; i < MESSAGES; i++) {
      await send(i);
      await new Promise((r) => setTimeout(r, 15));
    }
    await killer;

    store = await openStore(db.url, dataDir);
    const s = store;
    await eventually(async () => {
      const counts = await s.inbox.countByState();
      return counts.processed === MESSAGES;
    }, 60_000, 250);
    const tickets = await s.tickets.list({}, 0, 1000);
    const [ledger] = printLedger(await settledLedger(`worker SIGKILL x${KILLS}`, s, [...acknowledged.keys()].map((k) => messageKey('mobile', k))));
    // eslint-disable-next-line no-console
    console.log(`worker-crash: ${killsWithActiveJobs} of ${KILLS} kills hit active jobs`);
    expect(ledger).toMatchObject({ acknowledged: MESSAGES, processed: MESSAGES, tickets: MESSAGES, differences: 0 });
    expect(new Set(tickets.items.map((t) => t.trackingId))).toEqual(new Set(acknowledged.values()));
    expect(killsWithActiveJobs).toBeGreaterThan(0);
    await eventually(async () => {
      const all = await Promise.all([...acknowledged.values()].map((id) => s.replies.listForTicket(id)));
      return all.every((r) => r[0]?.status === 'delivered');
    }, 30_000, 250);
  } finally {
    await queue.close();
    for (const child of children) if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGTERM');
    await Promise.all(children.map((c) => c.exited));
    await store?.close();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000);
