import { PermanentSendError, RetryLaterError, type ChannelContext } from '../src/channels/channel';
import type { ChannelRegistry } from '../src/channels/registry';
import type { Reply } from '../src/store/types';

export interface OutboundDeps {
  channels: ChannelRegistry;
  ctx: ChannelContext;
  now: () => Date;
}

export type OutboundOutcome = 'sent' | 'delivered' | 'already_done' | 'failed' | 'missing';

/**
 * Sends one recorded reply through its channel. A reply already sent is not sent again, so a
 * retried or duplicated job never reaches the citizen twice.
 */
export async function processOutbound(replyId: string, deps: OutboundDeps, receivedAt?: Date): Promise<OutboundOutcome> {
  const { store, metrics } = deps.ctx;
  const reply = await store.replies.get(replyId);
  if (!reply) return 'missing';
  if (reply.status !== 'queued') return 'already_done';
  const channel = reply.channel;
  try {
    // Only here, on the way out, is a rahasia reporter's address opened: channels need it to send.
    const recipient = deps.ctx.reporterVault.reveal(reply.recipient);
    const result = await deps.channels.get(channel).send({ ...reply, recipient }, deps.ctx);
    const at = deps.now();
    await store.replies.recordOutcome(reply.id, { status: result.status, providerId: result.providerId, at });
    metrics.replies.inc({ channel, outcome: result.status });
    if (receivedAt) metrics.receiptToReplySeconds.observe({ channel }, Math.max(0, (at.getTime() - receivedAt.getTime()) / 1000));
    return result.status;
  } catch (error) {
    if (error instanceof PermanentSendError) {
      await markFailed(reply, error.message, deps);
      metrics.replies.inc({ channel, outcome: 'failed' });
      return 'failed';
    }
    if (error instanceof RetryLaterError) {
      metrics.rateLimitWaits.inc({ channel });
      metrics.replies.inc({ channel, outcome: 'rate_limited' });
    } else {
      metrics.replies.inc({ channel, outcome: 'retry' });
    }
    throw error;
  }
}

export async function markFailed(reply: Pick<Reply, 'id'>, reason: string, deps: OutboundDeps): Promise<void> {
  await deps.ctx.store.replies.recordOutcome(reply.id, { status: 'failed', error: reason.slice(0, 1000), at: deps.now() });
}
