import { PermanentSendError, type ChannelContext } from '../src/channels/channel';
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
export async function processOutbound(replyId: string, deps: OutboundDeps): Promise<OutboundOutcome> {
  const { store } = deps.ctx;
  const reply = await store.replies.get(replyId);
  if (!reply) return 'missing';
  if (reply.status !== 'queued') return 'already_done';
  try {
    const result = await deps.channels.get(reply.channel).send(reply, deps.ctx);
    await store.replies.recordOutcome(reply.id, { status: result.status, providerId: result.providerId, at: deps.now() });
    return result.status;
  } catch (error) {
    if (error instanceof PermanentSendError) {
      await markFailed(reply, error.message, deps);
      return 'failed';
    }
    throw error;
  }
}

export async function markFailed(reply: Pick<Reply, 'id'>, reason: string, deps: OutboundDeps): Promise<void> {
  await deps.ctx.store.replies.recordOutcome(reply.id, { status: 'failed', error: reason.slice(0, 1000), at: deps.now() });
}
