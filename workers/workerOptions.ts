import type { Job, WorkerOptions } from 'bullmq';
import type Redis from 'ioredis';

export interface WorkerSettings {
  prefix: string;
  concurrency: number;
  lockMs: number;
  /** How long a job waits when the store is unreachable, without spending an attempt. */
  outageDelayMs: number;
}

export function workerOptions(connection: Redis, settings: WorkerSettings): WorkerOptions {
  return {
    connection,
    prefix: settings.prefix,
    concurrency: settings.concurrency,
    lockDuration: settings.lockMs,
    // Checking twice per lock period puts a dead worker's jobs back within about one lock period.
    stalledInterval: Math.max(1000, Math.floor(settings.lockMs / 2)),
    // A job whose worker died this many times is a poison message: fail it rather than loop.
    maxStalledCount: 3,
  };
}

/** True on the failure after which BullMQ will not try the job again. */
export function isFinalFailure(job: Job): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1) || job.finishedOn !== undefined;
}
