import { printLedger, settledLedger } from '../support/ledger';
import { PG_ADMIN_URL } from '../support/tempPostgres';
import { citizen, faultTest, startFaultRig, until, waitReady, within, type FaultRig } from './faultHarness';
import { TcpProxy } from './tcpProxy';

/**
 * The store becomes unreachable under a stream of reports. The PostgreSQL server here is shared
 * and cannot be stopped by a test, so the gateway reaches it through a TCP proxy the test cuts
 * (every connection reset, new ones refused, as when the server is stopped) and restores (as when
 * it is started again). test/integration/storeOutage.test.ts covers the in-process variant with
 * queued jobs; this one runs the built gateway under load and keeps the books.
 */
const MESSAGES = 100;
const OUTAGE_MS = 4_000;

let rig: FaultRig | null = null;
let proxy: TcpProxy | null = null;
afterAll(async () => {
  await rig?.stop();
  await proxy?.stop();
});

faultTest('the store cut off and back under a stream: intake 503, workers wait, nothing lost, parked or doubled', async () => {
  const target = new URL(PG_ADMIN_URL);
  proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
  const p = proxy;
  rig = await startFaultRig('storeout', { RECOVERY_INTERVAL_SECONDS: '1', RECOVERY_GRACE_SECONDS: '2', JOB_ATTEMPTS: '3' }, (db) => {
    const viaProxy = new URL(db.url);
    viaProxy.host = `127.0.0.1:${p.port}`;
    return viaProxy.toString();
  });
  const r = rig;
  const gateway = r.spawn([]);
  await waitReady(r);
  const c = citizen(() => r.baseUrl, 'store');

  const stream = c.stream(0, MESSAGES, 20);
  await until(() => c.acknowledged.size >= 30);
  await p.cut();
  const ackedWhenCut = c.acknowledged.size;
  await new Promise((res) => setTimeout(res, OUTAGE_MS));
  const ackedDuringOutage = c.acknowledged.size - ackedWhenCut;
  const refusedDuringOutage = c.refusals.get(503) ?? 0;
  await p.restore();
  await within(stream, 90_000, () => `the stream (${c.acknowledged.size} of ${MESSAGES} acknowledged, refusals ${JSON.stringify(Object.fromEntries(c.refusals))})`);

  const store = await r.store();
  const [ledger] = printLedger(await settledLedger('store cut 4 s (TCP proxy)', store, c.messageKeys(), { timeoutMs: 90_000 }));
  // eslint-disable-next-line no-console
  console.log(`store outage: refusals ${JSON.stringify(Object.fromEntries(c.refusals))}, proxy connections ${p.connections}`);
  expect(ackedDuringOutage).toBeLessThanOrEqual(1);
  expect(refusedDuringOutage).toBeGreaterThan(0);
  expect(c.refusals.get(500) ?? 0).toBe(0);
  expect(ledger).toMatchObject({ acknowledged: MESSAGES, processed: MESSAGES, tickets: MESSAGES, differences: 0 });
  // JOB_ATTEMPTS is 3 with 100 ms backoff: only the outage handling keeps these from being parked.
  expect((await store.inbox.countByState()).failed).toBe(0);
  expect(gateway.proc.exitCode).toBeNull();
}, 180_000);
