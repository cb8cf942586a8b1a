import { mkdirSync } from 'node:fs';
import { freePort } from '../../src/redis/redisServer';
import { emptySection, type Measurement, type SectionResult } from '../report/results';
import { pick, type BenchContext } from '../support/benchContext';
import { spawnNode, stopAll, waitForHttp, type Child } from '../support/childProcess';
import { runLoad } from '../support/load';
import { GATEWAY_MAIN } from '../support/paths';
import { createBenchDatabase, pipelineOutcome, replyLatencySince, type BenchDatabase } from '../support/postgres';
import { mobileReport } from '../support/reports';
import { ratio, round } from '../support/stats';
import { runBareBullmq } from './bareBullmqRun';
import { gatewayEnv, gatewayQueues, pendingJobs, runPipeline, scratchDir, type DrainResult, type PipelineSetup } from './pipelineRun';

const CONCURRENCY = 20;
const OFFERED_RATE = 500;

function workerPairs(pairs: number): string[][] {
  return Array.from({ length: pairs }, () => [['worker', 'inbound'], ['worker', 'outbound']]).flat();
}

function drainMeasurement(label: string, r: DrainResult, bare: DrainResult, extra: Record<string, number | string | null> = {}): Measurement {
  return {
    label,
    value: r.messagesPerSecond,
    unit: 'msg/s',
    baseline: { label: 'bare BullMQ, no-op jobs, same processes and concurrency', value: bare.messagesPerSecond, unit: 'msg/s' },
    ratio: ratio(r.messagesPerSecond, bare.messagesPerSecond),
    details: {
      messages: r.messages,
      seconds: r.seconds,
      'redis cmds/msg': r.redisCommandsPerMessage,
      'bare redis cmds/msg': bare.redisCommandsPerMessage,
      'store xacts/msg': r.storeTransactionsPerMessage,
      'failed jobs': r.failedJobs,
      ...Object.fromEntries(Object.entries(r.cpuMsPerMessage).map(([k, v]) => [`CPU ms/msg ${k}`, v])),
      ...extra,
    },
  };
}

async function withDatabase<T>(work: (db: BenchDatabase) => Promise<T>): Promise<T> {
  const db = await createBenchDatabase();
  try {
    return await work(db);
  } finally {
    await db.drop().catch(() => undefined);
  }
}

function postgresSetup(ctx: BenchContext, db: BenchDatabase, label: string, prefix: string, processes: string[][]): PipelineSetup {
  const dataDir = scratchDir(ctx, prefix.replace(/[{}]/g, ''));
  mkdirSync(dataDir, { recursive: true });
  return { label, storeUrl: db.url, dataDir, prefix, processes, storeTransactions: db.transactions };
}

/**
 * Receipt-to-reply latency at a fixed offered rate: app reports at `rate`/s through a real api
 * process while the workers run, then the exact times from the store (inbox received_at → reply
 * sent_at) of the messages sent after the warm-up.
 */
async function latencyAtRate(ctx: BenchContext, db: BenchDatabase, pairs: number, rate: number, seconds: number): Promise<Measurement> {
  const setup = postgresSetup(ctx, db, 'latency', '{benchlat}', workerPairs(pairs));
  const port = await freePort();
  const children: Child[] = [spawnNode('latency api', GATEWAY_MAIN, ['api'], gatewayEnv(ctx, setup, { PORT: String(port) }))];
  for (const [i, args] of setup.processes.entries()) children.push(spawnNode(`latency ${args.join(' ')} #${i}`, GATEWAY_MAIN, args, gatewayEnv(ctx, setup)));
  const q = gatewayQueues(ctx, setup.prefix);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/readyz`, children[0]!);
    let n = 0;
    const url = `http://127.0.0.1:${port}`;
    ctx.progress(`pipeline: latency warm-up`);
    await runLoad({ url, connections: 16, durationSeconds: pick(ctx, 3, 1), overallRate: Math.min(rate, 100), request: () => mobileReport(n++) });
    await waitForDrain(ctx, q.queues, 60_000);
    const since = new Date();
    ctx.progress(`pipeline: ${rate} msg/s offered for ${seconds} s`);
    const load = await runLoad({ url, connections: 64, durationSeconds: seconds, overallRate: rate, request: () => mobileReport(n++) });
    const drained = await waitForDrain(ctx, q.queues, pick(ctx, 300_000, 60_000));
    const lat = await replyLatencySince(db.url, since);
    return {
      label: `receipt → reply p99 at ${rate} msg/s offered (PostgreSQL, api + ${pairs} inbound + ${pairs} outbound)`,
      value: round(lat.p99, 3),
      unit: 's',
      baseline: null,
      ratio: null,
      details: {
        'p50 s': round(lat.p50, 3),
        'p95 s': round(lat.p95, 3),
        'achieved intake req/s': load.requestsPerSecond,
        replies: lat.replies,
        unanswered: lat.unanswered,
        'refused/errors': load.non2xx + load.errors,
        drained: drained ? 'yes' : 'no (timed out)',
      },
    };
  } finally {
    await q.close();
    await stopAll(children);
  }
}

async function waitForDrain(ctx: BenchContext, queues: Parameters<typeof pendingJobs>[0], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await pendingJobs(queues)) === 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  ctx.progress('  … gave up waiting for the queues to drain');
  return false;
}

/** End-to-end messages/s with 1, 2 and 4 worker pairs, PostgreSQL server and PGlite side by side, against bare BullMQ. */
export async function pipelineSection(ctx: BenchContext): Promise<SectionResult> {
  const section = emptySection('pipeline', 'End-to-end pipeline (accepted → ticket stored → reply sent)');
  const count = ctx.messages ?? pick(ctx, 3000, 60);
  const pairCounts = pick(ctx, [1, 2, 4], [1]);

  const bare = new Map<number, DrainResult>();
  for (const pairs of pairCounts) {
    ctx.progress(`pipeline: bare BullMQ, ${pairs} + ${pairs} processes`);
    bare.set(pairs, await runBareBullmq(ctx, pairs, count, CONCURRENCY));
  }
  const bare1 = bare.get(1)!;

  if (ctx.postgresUnreachable === null) {
    for (const pairs of pairCounts) {
      const m = await withDatabase(async (db) => {
        const r = await runPipeline(ctx, postgresSetup(ctx, db, `PostgreSQL ${pairs}+${pairs}`, `{benchpg${pairs}}`, workerPairs(pairs)), count);
        const outcome = await pipelineOutcome(db.url);
        return drainMeasurement(`PostgreSQL server, ${pairs} inbound + ${pairs} outbound processes`, r, bare.get(pairs)!, outcome);
      });
      section.measurements.push(m);
    }
    section.measurements.push(
      await withDatabase(async (db) => {
        const r = await runPipeline(ctx, postgresSetup(ctx, db, 'PostgreSQL one process', '{benchpg0}', [[]]), count);
        return drainMeasurement('PostgreSQL server, one process (all roles)', r, bare1, await pipelineOutcome(db.url));
      }),
    );
  } else {
    section.notes.push(`PostgreSQL server not reachable (${ctx.postgresUnreachable}): its rows are missing.`);
  }

  const pgliteDir = scratchDir(ctx, 'pipeline-pglite');
  mkdirSync(pgliteDir, { recursive: true });
  const pglite = await runPipeline(ctx, { label: 'PGlite one process', storeUrl: '', dataDir: pgliteDir, prefix: '{benchlite}', processes: [[]] }, count);
  section.measurements.push(drainMeasurement('PGlite (embedded), one process (all roles)', pglite, bare1));

  if (ctx.postgresUnreachable === null) {
    const best = section.measurements
      .filter((m) => m.label.startsWith('PostgreSQL server,') && m.label.includes('inbound'))
      .reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a));
    const pairs = Number(/(\d+) inbound/.exec(best.label)?.[1] ?? 1);
    const rate = pick(ctx, OFFERED_RATE, 50);
    section.measurements.push(await withDatabase((db) => latencyAtRate(ctx, db, pairs, rate, pick(ctx, 20, 2))));
  }

  const invalid = section.measurements.filter(
    (m) =>
      (m.details['failed jobs'] ?? 0) !== 0 ||
      (m.details.tickets !== undefined && m.details.tickets !== m.details.messages) ||
      (m.details.repliesDelivered !== undefined && m.details.repliesDelivered !== m.details.messages),
  );
  if (invalid.length > 0) {
    section.status = 'failed';
    section.reason = `not every message became a ticket and a delivered reply in: ${invalid.map((m) => m.label).join('; ')}`;
  }

  const pgRates = section.measurements.filter((m) => m.label.startsWith('PostgreSQL server') && m.unit === 'msg/s').map((m) => m.value ?? 0);
  const latency = section.measurements.find((m) => m.unit === 's');
  section.targets.push(
    {
      target: 'end-to-end ≥ 1,000 msg/s with the PostgreSQL server',
      measured: pgRates.length > 0 ? `best ${Math.max(...pgRates)} msg/s` : 'not measured',
      met: pgRates.length > 0 ? Math.max(...pgRates) >= 1000 : null,
    },
    {
      target: `p99 receipt → reply < 1 s at ${OFFERED_RATE} msg/s`,
      measured: latency ? `${latency.value} s (${latency.details.unanswered} unanswered)` : 'not measured',
      met: latency && !ctx.quick ? (latency.value ?? Infinity) < 1 && latency.details.unanswered === 0 : null,
    },
  );
  section.notes.push(
    `Each configuration: ${count} app reports are first pre-loaded through a real \`api\` process and the mobile API (stored in the inbox, jobs waiting in Redis), then the worker processes are started and timed until both queues are empty. Pre-loading separates the pipeline from HTTP intake (measured above) and from the load generator, so the figure is what the workers sustain. The time runs from the first inbound job started to the last reply job finished (BullMQ's processedOn/finishedOn), leaving out process start-up and parser loading.`,
    `Workers: \`node dist/src/main.js worker inbound\` and \`worker outbound\` processes in pairs, INBOUND_CONCURRENCY = OUTBOUND_CONCURRENCY = ${CONCURRENCY}; "one process" is \`node dist/src/main.js\` with every role (the only way PGlite runs). The baseline moves the same number of no-op jobs through the same two hops with the same job options, worker options and concurrency in the same number of processes.`,
    'redis cmds/msg: Redis total_commands_processed from the first finished message to the last ÷ those messages (includes idle workers\' blocking reads and the bench\'s own polling, a few commands per 100 ms). store xacts/msg: PostgreSQL transactions (each autocommit statement is one) in the bench database ÷ messages. CPU ms/msg: CPU time of each kind of process (from /proc) and of redis-server (INFO cpu) from the first finished message to the last ÷ those messages; PostgreSQL\'s own CPU is not included. tickets / repliesDelivered: counted in the database afterwards.',
    `Latency: app reports offered at a fixed rate through the api process while the workers run (the best worker count above), after a warm-up; percentiles from the stored times (inbox received_at → reply sent_at) of every message sent during the measured window, after the queues drained.`,
  );
  return section;
}
