import { DelayedError, type Job } from 'bullmq';
import { StoreUnavailableError } from '../src/store/types';

/**
 * A store outage is nobody's fault and no message's: a job that meets one is put back to wait
 * without spending one of its attempts, so an outage longer than the retry schedule does not
 * park every message in flight as failed.
 */
export function waitOutStoreOutage<D, R>(
  processor: (job: Job<D>) => Promise<R>,
  delayMs: number,
): (job: Job<D>, token?: string) => Promise<R> {
  return async (job, token) => {
    try {
      return await processor(job);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError) || !token) throw error;
      await job.moveToDelayed(Date.now() + delayMs, token);
      throw new DelayedError();
    }
  };
}
