import type { Logger } from '../log/logger';
import { inboundJobId, outboundJobId, type Queues } from '../queue/queues';
import type { Store } from '../store/types';

export interface RecoveryReport {
  reenqueuedMessages: number;
  parkedMessages: number;
  reenqueuedReplies: number;
}

const BATCH = 500;

/**
 * Heals the one gap the store-then-enqueue order leaves: a process that died after storing and
 * before enqueuing. Messages and replies still waiting after `graceMs` get their job back unless one
 * exists; a message whose job ended failed is parked. Several processes may run this at once
 * safely: adding a job whose id exists is a no-op.
 */
export async function recoverLostJobs(store: Store, queues: Queues, log: Logger, now: Date, graceMs: number): Promise<RecoveryReport> {
  const report: RecoveryReport = { reenqueuedMessages: 0, parkedMessages: 0, reenqueuedReplies: 0 };
  const before = new Date(now.getTime() - graceMs);

  for (const message of await store.inbox.listByState('received', before, BATCH)) {
    const job = await queues.inbound.getJob(inboundJobId(message.key));
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed') {
      await store.inbox.markFailed(message.key, job?.failedReason ?? 'failed', now);
      report.parkedMessages++;
    } else if (state === 'completed') {
      // Completed while still 'received': the job ended without recording its work. Run it again.
      await queues.requeueInbound(message.key);
      report.reenqueuedMessages++;
    } else if (state === 'missing' || state === 'unknown') {
      await queues.enqueueInbound(message.key);
      report.reenqueuedMessages++;
    }
  }

  for (const reply of await store.replies.listQueued(before, BATCH)) {
    const job = await queues.outboundFor(reply.channel).getJob(outboundJobId(reply.id));
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed') {
      await store.replies.recordOutcome(reply.id, { status: 'failed', error: job?.failedReason ?? 'failed', at: now });
    } else if (state === 'missing' || state === 'unknown') {
      await queues.enqueueOutbound(reply.channel, reply.id);
      report.reenqueuedReplies++;
    }
  }
  if (report.reenqueuedMessages + report.parkedMessages + report.reenqueuedReplies > 0) {
    log.warn(report, 'recovered jobs lost between store and queue');
  }
  return report;
}
