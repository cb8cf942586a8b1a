import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { jobOptions } from '../../src/queue/queues';
import type { BenchContext } from '../support/benchContext';
import { spawnNode, type Child } from '../support/childProcess';
import { timeDrain, type DrainResult } from './pipelineRun';

const BATCH = 1000;

/**
 * The baseline of one end-to-end configuration: `pairs` inbound + `pairs` outbound processes of
 * bare BullMQ workers (no-op handlers; the inbound one adds the outbound job) draining `count`
 * pre-loaded jobs on the same Redis with the same concurrency.
 */
export async function runBareBullmq(ctx: BenchContext, pairs: number, count: number, concurrency: number): Promise<DrainResult> {
  const prefix = `{bare${pairs}x${Date.now() % 100_000}}`;
  const connection = new Redis(ctx.redis.url, { maxRetriesPerRequest: null });
  const inbound = new Queue('inbound', { connection, prefix });
  const outbound = new Queue('outbound', { connection, prefix });
  try {
    const options = jobOptions({ prefix, attempts: 8, backoffMs: 1000 });
    for (let i = 0; i < count; i += BATCH) {
      const jobs = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => ({ name: 'message', data: { key: `m${i + j}` }, opts: { ...options, jobId: `in_m${i + j}` } }));
      await inbound.addBulk(jobs);
    }
    const env = { REDIS_URL: ctx.redis.url, QUEUE_PREFIX: prefix, CONCURRENCY: String(concurrency) };
    const spawn = (): Child[] =>
      Array.from({ length: pairs }, (_, i) => [
        spawnNode(`bare inbound #${i}`, 'bench/baselines/bareBullmq.js', ['inbound'], env),
        spawnNode(`bare outbound #${i}`, 'bench/baselines/bareBullmq.js', ['outbound'], env),
      ]).flat();
    return await timeDrain(ctx, [inbound, outbound], count, spawn);
  } finally {
    await inbound.obliterate({ force: true }).catch(() => undefined);
    await outbound.obliterate({ force: true }).catch(() => undefined);
    await Promise.all([inbound.close(), outbound.close()]);
    connection.disconnect();
  }
}
