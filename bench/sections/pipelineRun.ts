import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { freePort } from '../../src/redis/redisServer';
import { outboundQueueName, INBOUND_QUEUE } from '../../src/queue/queues';
import type { BenchContext } from '../support/benchContext';
import { spawnNode, stopAll, waitForHttp, type Child } from '../support/childProcess';
import { runLoad } from '../support/load';
import { GATEWAY_MAIN } from '../support/paths';
import { processCpuSeconds, redisCpuSeconds } from '../support/cpuTime';
import { redisCommandsProcessed } from '../support/redisStats';
import { mobileReport } from '../support/reports';
import { round } from '../support/stats';

/** One end-to-end configuration: where messages are stored and which processes work them. */
export interface PipelineSetup {
  label: string;
  storeUrl: string;
  dataDir: string;
  prefix: string;
  /** The worker processes to start, each an argument list for dist/src/main.js. */
  processes: string[][];
  /** Store transactions so far (PostgreSQL), to count round trips per message; null when unknown. */
  storeTransactions?: () => Promise<number>;
}

/** Completed jobs are kept up to this many (jobOptions' removeOnComplete); the timing reads them. */
export const MAX_MESSAGES = 10_000;

export interface DrainResult {
  messagesPerSecond: number;
  /** From the first job started to the last finished. */
  seconds: number;
  messages: number;
  redisCommandsPerMessage: number;
  storeTransactionsPerMessage: number | null;
  /** Jobs that failed for good: a run with any is not a valid measurement. */
  failedJobs: number;
  /**
   * CPU milliseconds per message by component (the worker processes by their role, redis-server),
   * from the first finished message to the last: where the time goes.
   */
  cpuMsPerMessage: Record<string, number>;
}

interface CpuSnapshot {
  byChild: number[];
  redis: number;
}

async function cpuSnapshot(ctx: BenchContext, children: Child[]): Promise<CpuSnapshot> {
  return { byChild: children.map((c) => processCpuSeconds(c.proc.pid)), redis: await redisCpuSeconds(ctx.redisClient) };
}

/** Per message, summed by role ("worker inbound", "all", …) across processes of that role. */
function cpuPerMessage(children: Child[], from: CpuSnapshot, to: CpuSnapshot, messages: number): Record<string, number> {
  const out: Record<string, number> = {};
  children.forEach((c, i) => {
    const role = c.name.replace(/ #\d+$/, '');
    out[role] = (out[role] ?? 0) + ((to.byChild[i] ?? 0) - (from.byChild[i] ?? 0));
  });
  out['redis-server'] = to.redis - from.redis;
  for (const k of Object.keys(out)) out[k] = round((out[k]! * 1000) / Math.max(1, messages), 2);
  return out;
}

export function gatewayEnv(ctx: BenchContext, setup: Pick<PipelineSetup, 'storeUrl' | 'dataDir' | 'prefix'>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    REDIS_URL: ctx.redis.url,
    STORE_URL: setup.storeUrl,
    DATA_DIR: setup.dataDir,
    QUEUE_PREFIX: setup.prefix,
    API_RATE_LIMIT_PER_MINUTE: '1000000000',
    APP_SECRET: 'bench-app-secret-0123456789abcdef0123456789',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...extra,
  };
}

/**
 * Phase 1 of a run: `count` app reports through a real api process and the mobile API, then
 * the process stops. Messages are stored and their jobs wait in Redis; nothing is worked yet.
 */
export async function preloadThroughApi(ctx: BenchContext, setup: PipelineSetup, count: number): Promise<void> {
  const port = await freePort();
  const api = spawnNode('preload api', GATEWAY_MAIN, ['api'], gatewayEnv(ctx, setup, { PORT: String(port) }));
  try {
    await waitForHttp(`http://127.0.0.1:${port}/readyz`, api);
    let n = 0;
    const result = await runLoad({ url: `http://127.0.0.1:${port}`, connections: 16, amount: count, request: () => mobileReport(n++) });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`preload: ${result.non2xx} refused, ${result.errors} errors (first status ${result.firstBadStatus})`);
  } finally {
    await api.stop();
  }
}

/** Jobs not finished yet in the given queues (waiting, active, delayed, prioritised). */
export async function pendingJobs(queues: Queue[]): Promise<number> {
  const counts = await Promise.all(queues.map((q) => q.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children')));
  return counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
}

/**
 * From the first job started on the first hop to the last job finished on any hop, by BullMQ's
 * own timestamps: process start-up and model loading before the first job do not count, and a
 * slow poll cannot blur the figure. Any hop, not the last: app replies are delivered on record,
 * so for them the inbound job is the whole pipeline and the outbound queue stays empty.
 */
async function busySeconds(queues: Queue[]): Promise<number> {
  const first = await queues[0]!.getJobs(['completed'], 0, -1);
  const all = (await Promise.all(queues.map((q) => q.getJobs(['completed'], 0, -1)))).flat();
  const started = Math.min(...first.map((j) => j.processedOn ?? Infinity));
  const finished = Math.max(...all.map((j) => j.finishedOn ?? 0));
  return Math.max(0.001, (finished - started) / 1000);
}

/**
 * Starts `spawn()`'s processes and times them until the queues are empty. Every message is
 * either waiting in one of the queues or done, so done = count − pending. `queues` are in hop
 * order; completed jobs must still be kept (count ≤ the 10,000 of removeOnComplete).
 */
export async function timeDrain(
  ctx: BenchContext,
  queues: Queue[],
  count: number,
  spawn: () => Child[],
  storeTransactions?: () => Promise<number>,
): Promise<DrainResult> {
  if (count > MAX_MESSAGES) throw new Error(`at most ${MAX_MESSAGES} messages per run: completed jobs are kept up to that many`);
  const storeBefore = storeTransactions ? await storeTransactions() : null;
  const children = spawn();
  try {
    const deadline = Date.now() + (ctx.quick ? 300_000 : 1_800_000);
    // Redis commands are counted from the first finished message, so idle workers starting up do not count.
    let redisFrom: { commands: number; done: number; cpu: CpuSnapshot } | null = null;
    let lastReport = 0;
    for (;;) {
      for (const c of children) if (c.proc.exitCode !== null) throw new Error(`${c.name} exited with ${c.proc.exitCode}: ${c.tail()}`);
      const pending = await pendingJobs(queues);
      const done = count - pending;
      const now = Date.now();
      if (redisFrom === null && done > 0 && pending > 0) redisFrom = { commands: await redisCommandsProcessed(ctx.redisClient), done, cpu: await cpuSnapshot(ctx, children) };
      if (pending === 0) {
        const redisAfter = await redisCommandsProcessed(ctx.redisClient);
        const cpuAfter = await cpuSnapshot(ctx, children);
        // Closing the workers' connections makes PostgreSQL publish their transaction counters.
        await stopAll(children);
        const storeAfter = storeTransactions ? await storeTransactions() : null;
        const seconds = await busySeconds(queues);
        const failed = await Promise.all(queues.map((q) => q.getJobCountByTypes('failed')));
        const from = redisFrom ?? { commands: redisAfter, done: 0, cpu: cpuAfter };
        return {
          messagesPerSecond: round(count / seconds, 1),
          seconds: round(seconds, 2),
          messages: count,
          redisCommandsPerMessage: count > from.done ? round((redisAfter - from.commands) / (count - from.done), 1) : 0,
          storeTransactionsPerMessage: storeBefore !== null && storeAfter !== null ? round((storeAfter - storeBefore) / count, 1) : null,
          failedJobs: failed.reduce((a, b) => a + b, 0),
          cpuMsPerMessage: cpuPerMessage(children, from.cpu, cpuAfter, count - from.done),
        };
      }
      if (now > deadline) throw new Error(`not drained in time: ${pending} of ${count} jobs still pending`);
      if (now - lastReport > 5000) {
        ctx.progress(`  … ${done}/${count}`);
        lastReport = now;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await stopAll(children);
  }
}

export function gatewayQueues(ctx: BenchContext, prefix: string): { queues: Queue[]; close(): Promise<void> } {
  const connection = new Redis(ctx.redis.url, { maxRetriesPerRequest: null });
  const queues = [INBOUND_QUEUE, outboundQueueName('mobile')].map((name) => new Queue(name, { connection, prefix }));
  return {
    queues,
    close: async () => {
      await Promise.all(queues.map((q) => q.close()));
      connection.disconnect();
    },
  };
}

/** Phase 1 then phase 2 of one configuration. */
export async function runPipeline(ctx: BenchContext, setup: PipelineSetup, count: number): Promise<DrainResult> {
  ctx.progress(`pipeline: ${setup.label}: preloading ${count} app reports`);
  await preloadThroughApi(ctx, setup, count);
  ctx.progress(`pipeline: ${setup.label}: working them`);
  const q = gatewayQueues(ctx, setup.prefix);
  try {
    return await timeDrain(
      ctx,
      q.queues,
      count,
      () => setup.processes.map((args, i) => spawnNode(`${args.join(' ') || 'all'} #${i}`, GATEWAY_MAIN, args, gatewayEnv(ctx, setup))),
      setup.storeTransactions,
    );
  } finally {
    await q.close();
  }
}

export function scratchDir(ctx: BenchContext, name: string): string {
  return join(ctx.tmpDir, name);
}
