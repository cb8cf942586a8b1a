import { PermanentSendError, RetryLaterError, type ChannelContext, type SendResult } from '../../src/channels/channel';
import type { InboxRecord, Reply } from '../../src/store/types';
import type { ChannelHealth } from './channelHealth';
import { MESSAGING_WINDOW_MS, PRIVATE_REPLY_WINDOW_MS, type ConversationWindow } from './conversationWindow';
import type { GraphClient, MessageRecipient } from './graphClient';
import { GraphApiError, graphErrorKind } from './graphErrors';
import { publicText } from './publicText';
import { readSource, type InstagramSource } from './sourceRecord';

export interface SenderDeps {
  ctx: ChannelContext;
  graph: GraphClient | null;
  health: ChannelHealth;
  window: ConversationWindow;
  /** Redis key holding the instant until which Meta asked us to stop calling. */
  pauseKey: string;
  maxLength: number;
}

/**
 * Without a working token nothing can be sent until an operator fixes it (shown in /readyz);
 * replies wait in their queue meanwhile instead of using up their attempts.
 */
const TOKEN_RETRY_MS = 5 * 60_000;
// When Meta throttles without saying for how long, a minute is its usual shortest window.
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** How a reply can reach the citizen, decided from where the report came from and its privacy. */
type Route =
  | { kind: 'comment_reply'; commentId: string }
  | { kind: 'mention_reply'; mediaId: string; commentId: string | null }
  | { kind: 'message'; recipient: MessageRecipient }
  | { kind: 'impossible'; why: string; detail: Record<string, unknown> };

/**
 * Sends one reply on Instagram. Public reports that came as a comment or mention get a public
 * reply under it (our templates carry only the tracking number and status). DMs are answered by
 * DM inside Meta's 24-hour window. Confidential reports that came as a comment get the comment's
 * one private reply (within 7 days). When none of these is possible the reply fails and an
 * operator gets a `reply_impossible` review item, so the citizen can be reached another way.
 */
export async function sendInstagramReply(reply: Reply, deps: SenderDeps): Promise<SendResult> {
  const { ctx } = deps;
  const now = ctx.now().getTime();
  if (!deps.graph) throw new RetryLaterError('INSTAGRAM_ACCESS_TOKEN is not set', new Date(now + TOKEN_RETRY_MS));
  // Meta throttles per app and account: once told to wait, no process calls until the wait is over.
  const pausedUntil = Number((await ctx.redis.get(deps.pauseKey)) ?? 0);
  if (pausedUntil > now) throw new RetryLaterError('Graph API rate limit: waiting', new Date(pausedUntil));

  const origin = await originOf(reply, ctx);
  // A rahasia message's payload is sealed at rest; the outbound side may open it to route the reply.
  const source = origin ? readSource(ctx.reporterVault.revealRaw(origin.raw)) : null;
  if (!origin || !source) {
    return impossible(reply, deps, { kind: 'impossible', why: 'the message this reply answers is not an Instagram message we know', detail: {} });
  }
  const ticket = reply.trackingId ? await ctx.store.tickets.get(reply.trackingId) : null;
  const confidential = ticket?.privacy === 'rahasia' || origin.fields?.privacy === 'rahasia';
  const route = await chooseRoute(reply, origin, source, confidential, deps);
  if (route.kind === 'impossible') return impossible(reply, deps, route);

  try {
    const text = route.kind === 'message' ? reply.text : await publicText(reply, ctx.store, deps.maxLength);
    const providerId = await send(route, text, deps.graph);
    await deps.health.tokenAccepted();
    return { status: 'sent', providerId };
  } catch (error) {
    const kind = graphErrorKind(error);
    if (kind === 'outside_window') {
      return impossible(reply, deps, { kind: 'impossible', why: 'Meta refused the message as outside its allowed window', detail: { route: route.kind } });
    }
    if (kind === 'token' && error instanceof GraphApiError) {
      await deps.health.tokenRejected(error.message, ctx.now());
      throw new RetryLaterError(`access token rejected: ${error.message}`, new Date(ctx.now().getTime() + TOKEN_RETRY_MS));
    }
    if (kind === 'rate_limit' && error instanceof GraphApiError) {
      const until = ctx.now().getTime() + (error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
      await ctx.redis.set(deps.pauseKey, String(until), 'PXAT', until);
      throw new RetryLaterError(`rate limited: ${error.message}`, new Date(until));
    }
    if (kind === 'permanent') {
      return impossible(reply, deps, { kind: 'impossible', why: `Meta refused the ${route.kind.replace('_', ' ')}`, detail: { error: (error as Error).message } });
    }
    throw error;
  }
}

/** The citizen's message the reply belongs to: its own, or for a status change the one that opened the ticket. */
async function originOf(reply: Reply, ctx: ChannelContext): Promise<InboxRecord | null> {
  if (reply.messageKey) return ctx.store.inbox.get(reply.messageKey);
  if (!reply.trackingId) return null;
  const ticket = await ctx.store.tickets.get(reply.trackingId);
  return ticket ? ctx.store.inbox.get(ticket.sourceKey) : null;
}

async function chooseRoute(reply: Reply, origin: InboxRecord, source: InstagramSource, confidential: boolean, deps: SenderDeps): Promise<Route> {
  const now = deps.ctx.now().getTime();
  const dmIfOpen = async (why: string): Promise<Route> => {
    const last = await deps.window.lastInbound(reply.recipient.id);
    const latest = Math.max(last?.getTime() ?? 0, source.kind === 'dm' ? origin.receivedAt.getTime() : 0);
    if (latest > 0 && now - latest < MESSAGING_WINDOW_MS) return { kind: 'message', recipient: { id: reply.recipient.id } };
    return {
      kind: 'impossible',
      why,
      detail: { lastMessageAt: latest > 0 ? new Date(latest).toISOString() : null, windowHours: MESSAGING_WINDOW_MS / 3_600_000 },
    };
  };

  if (source.kind === 'dm') return dmIfOpen('the 24-hour messaging window has closed');
  if (source.kind === 'mention') {
    if (!confidential) return { kind: 'mention_reply', mediaId: source.mediaId, commentId: source.commentId };
    // Private replies exist only for comments on our own media; a mention elsewhere has none.
    return dmIfOpen('confidential report from a mention: no private reply exists and no open conversation');
  }
  if (!confidential) return { kind: 'comment_reply', commentId: source.commentId };
  if (now - origin.receivedAt.getTime() < PRIVATE_REPLY_WINDOW_MS && (await deps.window.claimPrivateReply(source.commentId, reply.id))) {
    return { kind: 'message', recipient: { comment_id: source.commentId } };
  }
  return dmIfOpen('confidential report from a comment whose one private reply is used or older than 7 days, and no open conversation');
}

function send(route: Exclude<Route, { kind: 'impossible' }>, text: string, graph: GraphClient): Promise<string> {
  switch (route.kind) {
    case 'comment_reply':
      return graph.replyToComment(route.commentId, text);
    case 'mention_reply':
      return graph.replyToMention({ mediaId: route.mediaId, commentId: route.commentId }, text);
    case 'message':
      return graph.sendMessage(route.recipient, text);
  }
}

/** Records for operators that this citizen could not be answered on Instagram, then fails the reply. */
async function impossible(reply: Reply, deps: SenderDeps, route: Extract<Route, { kind: 'impossible' }>): Promise<never> {
  await deps.ctx.store.review.create({
    id: `review:${reply.id}:reply_impossible`,
    reason: 'reply_impossible',
    channel: 'instagram',
    messageKey: reply.messageKey,
    trackingId: reply.trackingId,
    suggestion: {
      action: 'contact the citizen another way, or answer when they write again',
      replyId: reply.id,
      recipient: reply.recipient.handle ? `@${reply.recipient.handle}` : reply.recipient.id,
      ...route.detail,
    },
    reasons: [`Instagram: ${route.why}`],
    createdAt: deps.ctx.now(),
  });
  throw new PermanentSendError(`no way to reply on Instagram: ${route.why}`);
}
