import { parseArgs } from 'node:util';
import { runUserCommand } from '../src/console/userCommand';
import { ProgressBar } from './demo/progressBar';
import { summarise, summaryTable } from './demo/summary';
import { TrafficGenerator } from './demo/traffic';
import { startDemoWorld, type DemoWorld } from './demo/world';

const USAGE = `usage: npm run demo -- [--count N] [--rate R] [--port P]
  --count  messages the traffic generator sends (default 120)
  --rate   messages per second (default 10)
  --port   HTTP port of the gateway (default 3000; 0 picks a free one)`;

const OPERATOR = { email: 'demo@lapor.go.id', password: 'demo-lapor-1708', name: 'Operator Demo' };

function options(): { count: number; rate: number; port: number } {
  const { values } = parseArgs({ options: { count: { type: 'string' }, rate: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const num = (v: string | undefined, fallback: number, name: string, min: number) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}\n${USAGE}`);
    return n;
  };
  return { count: Math.floor(num(values.count, 120, 'count', 1)), rate: num(values.rate, 10, 'rate', 0.1), port: Math.floor(num(values.port, 3000, 'port', 0)) };
}

async function createOperator(world: DemoWorld): Promise<void> {
  await runUserCommand(['add', '--email', OPERATOR.email, '--role', 'admin', '--name', OPERATOR.name], world.gateway.store, {
    readPassword: async () => OPERATOR.password,
    out: () => undefined,
    agencyExists: () => true,
    now: () => new Date(),
  });
}

/** Sends `count` actions at `rate` per second, several in flight at once as real citizens would. */
async function sendTraffic(world: DemoWorld, count: number, rate: number, bar: ProgressBar, sent: Map<string, number>): Promise<string[]> {
  const traffic = new TrafficGenerator(world);
  const errors: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  let done = 0;
  let processed = 0;
  let replied = 0;
  const poll = setInterval(() => {
    void world.gateway.store.inbox.countByState().then((c) => (processed = c.processed + c.failed)).catch(() => undefined);
    void world.gateway.store.replies.list({ status: 'sent' }, 0, 1).then(async (s) => {
      const d = await world.gateway.store.replies.list({ status: 'delivered' }, 0, 1);
      replied = s.total + d.total;
    }).catch(() => undefined);
    bar.update(done, processed, replied);
  }, 250);
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    const action = traffic.next(i);
    sent.set(action.channel, (sent.get(action.channel) ?? 0) + 1);
    const p = action
      .run()
      .catch((e: unknown) => void errors.push(`${action.channel} ${action.kind}: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        done++;
        inFlight.delete(p);
      });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  clearInterval(poll);
  bar.update(done, processed, replied, true);
  return errors;
}

/** Waits until every stored message is worked and no reply is waiting (or the time is up). */
async function settle(world: DemoWorld, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const store = world.gateway.store;
  while (Date.now() < deadline) {
    const counts = await store.inbox.countByState();
    const queued = await store.replies.list({ status: 'queued' }, 0, 1);
    if (counts.received === 0 && queued.total === 0) {
      // SMS delivery receipts arrive a moment after the submit_sm_resp.
      await new Promise((r) => setTimeout(r, 1500));
      return true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main(): Promise<void> {
  const { count, rate, port } = options();
  const err = (s: string) => process.stderr.write(`${s}\n`);
  err(`starting the gateway (PGlite, private redis-server) with the SMSC simulator, the fake X API and the fake Graph API …`);
  const world = await startDemoWorld(port);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    err('\nstopping …');
    world.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        err(`stop failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  await createOperator(world);
  err(`gateway at ${world.baseUrl} (logs: ${world.logFile}); sending ${count} messages at ${rate}/s over SMPP, HTTPS/HTTP webhooks, the web form and the app API`);
  const sent = new Map<string, number>();
  const bar = new ProgressBar(count);
  const errors = await sendTraffic(world, count, rate, bar, sent);
  bar.done();
  const settled = await settle(world, 60_000 + (count / rate) * 1000);
  const rows = await summarise(world.gateway.store, sent);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out('');
  out(summaryTable(rows));
  out('');
  out('messages = stored once per channel id (resends are recognised); latency = receipt → reply sent, per channel.');
  if (!settled) out('note: some messages or replies were still being worked when the table was made.');
  if (errors.length > 0) {
    out(`${errors.length} sends failed:`);
    for (const e of errors.slice(0, 10)) out(`  ${e}`);
  }
  out('');
  out(`Operator console: ${world.baseUrl}/console   login ${OPERATOR.email} / ${OPERATOR.password}`);
  out(`Report form:      ${world.baseUrl}/lapor      Metrics: ${world.baseUrl}/metrics`);
  out('The gateway keeps running with the simulators; Ctrl-C stops it and deletes the demo data.');
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
