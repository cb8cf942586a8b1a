import { DelayedError, type Job } from 'bullmq';
import { RetryLaterError } from '../src/channels/channel';

/**
 * A channel that says "not before retryAt" (X's x-rate-limit-reset, for one) gets its job moved
 * to delayed until then, without spending an attempt: a 15-minute window must not use up the
 * exponential retry schedule and park the reply as failed.
 */
export function waitUntilRetryAt<D, R>(
  processor: (job: Job<D>, token?: string) => Promise<R>,
): (job: Job<D>, token?: string) => Promise<R> {
  return async (job, token) => {
    try {
      return await processor(job, token);
    } catch (error) {
      if (!(error instanceof RetryLaterError) || !token) throw error;
      await job.moveToDelayed(Math.max(error.retryAt.getTime(), Date.now()), token);
      throw new DelayedError();
    }
  };
}
