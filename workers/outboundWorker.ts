import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { outboundQueueName, type OutboundJobData } from '../src/queue/queues';
import { markFailed, processOutbound, type OutboundDeps } from './outboundProcessor';
import { waitUntilRetryAt } from './retryLater';
import { waitOutStoreOutage } from './storeOutage';
import { isFinalFailure, workerOptions, type WorkerSettings } from './workerOptions';

/** One worker per channel queue, so a slow or rate-limited channel never holds up the others. */
export function startOutboundWorker(
  channel: string,
  connection: Redis,
  settings: WorkerSettings,
  deps: OutboundDeps,
): Worker<OutboundJobData> {
  const log = deps.ctx.log;
  const worker = new Worker<OutboundJobData>(
    outboundQueueName(channel),
    waitUntilRetryAt(
      waitOutStoreOutage(async (job: Job<OutboundJobData>) => processOutbound(job.data.replyId, deps, job.data.receivedAt ? new Date(job.data.receivedAt) : undefined), settings.outageDelayMs),
    ),
    workerOptions(connection, settings),
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = isFinalFailure(job);
    log.warn({ channel, replyId: job.data.replyId, attempt: job.attemptsMade, final, err: error }, 'reply send failed');
    if (final) {
      markFailed({ id: job.data.replyId }, error.message, deps).catch((e: unknown) =>
        log.error({ replyId: job.data.replyId, err: e }, 'could not record failed reply'),
      );
    }
  });
  worker.on('error', (error) => log.error({ channel, err: error }, 'outbound worker error'));
  return worker;
}
