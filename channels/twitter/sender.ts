import { createHash } from 'node:crypto';
import { PermanentSendError, RetryLaterError, type ChannelContext, type SendResult } from '../../src/channels/channel';
import type { Reply } from '../../src/store/types';
import type { ChannelHealth } from './channelHealth';
import type { TwitterConfig } from './config';
import { RateLimitWindow, resetTime } from './rateLimitWindow';
import { replyTarget, type ReplyTarget } from './replyTarget';
import { MAX_TWEET_WEIGHT, fitWeighted } from './weightedLength';
import { xClients } from './xClient';
import { classifyXError } from './xErrors';

/** X allows 10,000 characters in a DM; ours are a few hundred, this only guards against surprises. */
const MAX_DM_CHARS = 10_000;

interface Posted {
  providerId: string;
}

/** Makes a repeated text unique by its tracking number (or a reference derived from the reply id). */
export function uniqueText(reply: Reply, text: string): string {
  const ref = reply.trackingId ?? createHash('sha256').update(reply.id).digest('hex').slice(0, 8);
  return fitWeighted(`${text} [${ref}]`, MAX_TWEET_WEIGHT);
}

/**
 * Sends one reply on X. Failures are turned into what the outbound worker acts on: RetryLaterError
 * until x-rate-limit-reset, PermanentSendError for a request X refuses, a plain error (retried
 * with backoff) for 5xx and network trouble; auth failures also mark the channel unhealthy.
 */
export class TwitterSender {
  constructor(
    private readonly cfg: TwitterConfig,
    private readonly health: ChannelHealth,
  ) {}

  async send(reply: Reply, ctx: ChannelContext): Promise<SendResult> {
    const target = await replyTarget(reply, ctx);
    const endpoint = target.via === 'tweet' ? 'tweets' : 'dm';
    const window = new RateLimitWindow(ctx.redis, this.cfg.queuePrefix);
    const closed = await window.closedUntil(endpoint, ctx.now());
    if (closed) throw new RetryLaterError(`X ${endpoint} rate limit until ${closed.toISOString()}`, closed);

    const text = target.via === 'tweet' ? fitWeighted(reply.text, MAX_TWEET_WEIGHT) : reply.text.slice(0, MAX_DM_CHARS);
    try {
      const posted = await this.post(target, text).catch(async (error: unknown) => {
        // X refuses a tweet identical to a recent one of ours (two "empty message" answers, say).
        if (target.via !== 'tweet' || classifyXError(error).kind !== 'duplicate') throw error;
        return this.post(target, uniqueText(reply, text));
      });
      this.health.authWorked();
      ctx.log.info({ channel: 'twitter', replyId: reply.id, via: target.via, why: 'why' in target ? target.why : undefined }, 'twitter reply sent');
      return { status: 'sent', providerId: posted.providerId };
    } catch (error) {
      const failure = classifyXError(error);
      switch (failure.kind) {
        case 'rate_limited': {
          const until = resetTime(failure.resetSeconds, ctx.now());
          await window.close(endpoint, until, ctx.now());
          throw new RetryLaterError(`X ${endpoint} rate limited until ${until.toISOString()}`, until);
        }
        case 'auth':
          this.health.authFailed(failure.reason, ctx.now());
          throw new Error(`X rejected our credentials: ${failure.reason}`);
        case 'duplicate':
          throw new PermanentSendError('X refused the reply as duplicate content even when made unique');
        case 'refused':
          throw new PermanentSendError(`X refused the reply: ${failure.reason}`);
        case 'temporary':
          throw new Error(`X did not take the reply: ${failure.reason}`);
      }
    }
  }

  private async post(target: ReplyTarget, text: string): Promise<Posted> {
    const { user, prefix } = xClients(this.cfg);
    if (target.via === 'tweet') {
      const result = await user.post<{ data: { id: string } }>(
        'tweets',
        { text, reply: { in_reply_to_tweet_id: target.inReplyToTweetId } },
        { prefix },
      );
      return { providerId: result.data.id };
    }
    const result = await user.post<{ data: { dm_event_id: string } }>(
      'dm_conversations/with/:participant_id/messages',
      { text },
      { prefix, params: { participant_id: target.participantId } },
    );
    return { providerId: `dm:${result.data.dm_event_id}` };
  }
}
