import type { ChannelContext } from '../../src/channels/channel';
import type { InboundMessageInput } from '../../src/message/inboundMessage';
import { acceptMessages } from './acceptMessages';
import type { ChannelHealth } from './channelHealth';
import type { TwitterConfig } from './config';
import { messagesFromMentions } from './inboundMessages';
import { MENTIONS_QUERY, MentionsPage } from './mentionsPage';
import { RateLimitWindow, resetTime } from './rateLimitWindow';
import { compareIds, SinceIdCheckpoint } from './sinceIdCheckpoint';
import { xClients } from './xClient';
import { classifyXError } from './xErrors';

export type PollOutcome =
  | { kind: 'polled'; pages: number; stored: number; newestId: string | null }
  | { kind: 'rate_limited'; until: Date }
  | { kind: 'failed'; reason: string };

const ENDPOINT = 'mentions';
// X lists at most 800 recent mentions through pagination; this only stops a misbehaving server.
const MAX_PAGES = 20;

/**
 * One round of GET /2/users/:id/mentions since the checkpoint, every page, then every message
 * stored, and only then the checkpoint moved to the newest id: a crash or an intake outage
 * part-way leaves the checkpoint where it was and the next round fetches the same mentions again
 * (which intake takes as redeliveries), so none is missed and none makes a second ticket.
 */
export async function pollMentions(cfg: TwitterConfig, ctx: ChannelContext, health: ChannelHealth): Promise<PollOutcome> {
  const { app, prefix } = xClients(cfg);
  if (app === null) return { kind: 'failed', reason: 'no TWITTER_BEARER_TOKEN' };
  const window = new RateLimitWindow(ctx.redis, cfg.queuePrefix);
  const closed = await window.closedUntil(ENDPOINT, ctx.now());
  if (closed) return { kind: 'rate_limited', until: closed };

  const checkpoint = new SinceIdCheckpoint(ctx.redis, cfg.queuePrefix, cfg.userId);
  const sinceId = await checkpoint.get();
  const messages: InboundMessageInput[] = [];
  let newestId: string | null = null;
  let pages = 0;
  try {
    let next: string | undefined;
    do {
      const query: Record<string, string> = { ...MENTIONS_QUERY };
      if (sinceId !== null) query.since_id = sinceId;
      if (next !== undefined) query.pagination_token = next;
      const page = MentionsPage.parse(await app.get('users/:id/mentions', query, { prefix, params: { id: cfg.userId } }));
      pages++;
      newestId ??= page.meta.newest_id ?? null;
      messages.push(...messagesFromMentions(page, cfg.userId, ctx.now()));
      next = page.meta.next_token;
    } while (next !== undefined && pages < MAX_PAGES);
  } catch (error) {
    const failure = classifyXError(error);
    if (failure.kind === 'rate_limited') {
      const until = resetTime(failure.resetSeconds, ctx.now());
      await window.close(ENDPOINT, until, ctx.now());
      return { kind: 'rate_limited', until };
    }
    if (failure.kind === 'auth') health.authFailed(failure.reason, ctx.now());
    return { kind: 'failed', reason: 'reason' in failure ? failure.reason : failure.kind };
  }
  health.authWorked();

  messages.sort((a, b) => compareIds(a.externalId, b.externalId));
  const stored = await acceptMessages(messages, ctx);
  if (newestId !== null) await checkpoint.advance(newestId);
  return { kind: 'polled', pages, stored, newestId };
}
