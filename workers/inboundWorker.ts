import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { INBOUND_QUEUE, type InboundJobData } from '../src/queue/queues';
import { processInbound, type InboundDeps } from './inboundProcessor';
import { waitOutStoreOutage } from './storeOutage';
import { isFinalFailure, workerOptions, type WorkerSettings } from './workerOptions';

/**
 * Runs processInbound for each job. When the last attempt fails the message is parked as 'failed'
 * in the store (visible to operators, retried by them), never dropped.
 */
export function startInboundWorker(connection: Redis, settings: WorkerSettings, deps: InboundDeps): Worker<InboundJobData> {
  const worker = new Worker<InboundJobData>(
    INBOUND_QUEUE,
    waitOutStoreOutage(async (job: Job<InboundJobData>) => {
      const decision = await processInbound(job.data.key, deps);
      return decision?.kind ?? 'missing';
    }, settings.outageDelayMs),
    workerOptions(connection, settings),
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = isFinalFailure(job);
    deps.log.warn({ key: job.data.key, attempt: job.attemptsMade, final, err: error }, 'inbound job failed');
    if (final) {
      deps.store.inbox.markFailed(job.data.key, error.message.slice(0, 1000), deps.now()).catch((e: unknown) => {
        // Recovery sees the message still 'received' with a failed job and parks it then.
        deps.log.error({ key: job.data.key, err: e }, 'could not park failed message');
      });
    }
  });
  worker.on('error', (error) => deps.log.error({ err: error }, 'inbound worker error'));
  return worker;
}
