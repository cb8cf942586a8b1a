import { printLedger, settledLedger } from '../support/ledger';
import { citizen, faultTest, startFaultRig, until, waitReady, within, type FaultRig } from './faultHarness';

/**
 * Redis goes away twice while reports flow into a gateway child process: a restart (AOF replays
 * the queue), then an outage. While Redis cannot be reached intake answers 503 (the app retries);
 * once it is back the gateway recovers by itself and every acknowledged report ends as one ticket
 * with one reply.
 *
 * The issue asks for 30 s unreachable; this test holds Redis down 6 s. The gateway's Redis
 * clients reconnect with a backoff capped at 5 s (src/redis/connection.ts), so after 6 s they are
 * in the same state as after 30 s (retrying at the cap, queues not ready, intake refusing); a
 * longer wait adds run time, not coverage.
 */
const MESSAGES = 120;
const OUTAGE_MS = 6_000;

let rig: FaultRig | null = null;
afterAll(async () => {
  await rig?.stop();
});

faultTest('Redis restarted and then unreachable under a stream: 503 while down, nothing acknowledged lost or doubled', async () => {
  rig = await startFaultRig('redisout', { RECOVERY_INTERVAL_SECONDS: '1', RECOVERY_GRACE_SECONDS: '2' });
  const r = rig;
  const gateway = r.spawn([]);
  await waitReady(r);
  const c = citizen(() => r.baseUrl, 'redis');

  const stream = c.stream(0, MESSAGES, 20);
  await until(() => c.acknowledged.size >= 30);
  await r.restartRedis();
  await until(() => c.acknowledged.size >= 60);

  await r.redis.stop();
  const ackedWhenDown = c.acknowledged.size;
  const refusedBefore = c.refusals.get(503) ?? 0;
  await new Promise((res) => setTimeout(res, OUTAGE_MS));
  // Intake stores nothing it cannot enqueue and says so: nothing was acknowledged during the outage.
  const ackedDuringOutage = c.acknowledged.size - ackedWhenDown;
  const refusedDuringOutage = (c.refusals.get(503) ?? 0) - refusedBefore;
  await r.restartRedis();
  await within(stream, 90_000, () => `the stream (${c.acknowledged.size} of ${MESSAGES} acknowledged, refusals ${JSON.stringify(Object.fromEntries(c.refusals))})`);

  const store = await r.store();
  const [ledger] = printLedger(await settledLedger('redis restart + 6 s outage', store, c.messageKeys(), { timeoutMs: 90_000 }));
  // eslint-disable-next-line no-console
  console.log(`redis outage: refusals ${JSON.stringify(Object.fromEntries(c.refusals))}, acknowledged during outage ${ackedDuringOutage}`);
  expect(ackedDuringOutage).toBeLessThanOrEqual(1); // at most one answer already on its way when Redis stopped
  expect(refusedDuringOutage).toBeGreaterThan(0);
  expect(c.refusals.get(500) ?? 0).toBe(0);
  expect(ledger).toMatchObject({ acknowledged: MESSAGES, processed: MESSAGES, tickets: MESSAGES, differences: 0 });
  expect(gateway.proc.exitCode).toBeNull();
}, 180_000);
