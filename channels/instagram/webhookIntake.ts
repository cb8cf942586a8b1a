import type { ChannelContext } from '../../src/channels/channel';
import { ExternalIdConflictError } from '../../src/intake/accept';
import { messageKey, type InboundMessageInput, type MessageFlag } from '../../src/message/inboundMessage';
import type { ChannelHealth } from './channelHealth';
import type { ConversationWindow } from './conversationWindow';
import type { GraphClient } from './graphClient';
import { GraphApiError, graphErrorKind } from './graphErrors';
import { privacyFields } from '../../src/message/privacyTags';
import type { InstagramSource } from './sourceRecord';
import { externalIdOf, type InstagramUpdate, type MentionUpdate } from './webhookPayload';

export const INSTAGRAM_CHANNEL = 'instagram';

/** A mention's text could not be fetched for now: Meta must redeliver, so the body is not acknowledged. */
export class MentionFetchUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`mention text unavailable for now: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MentionFetchUnavailableError';
  }
}

export interface IntakeDeps {
  ctx: ChannelContext;
  graph: GraphClient | null;
  health: ChannelHealth;
  window: ConversationWindow;
}

export interface IntakeResult {
  stored: number;
  redelivered: number;
}

// A batch holds up to 1000 updates. Several at a time overlap Redis and database round trips
// (PGlite gains little, a PostgreSQL server much) without flooding the Graph API with mention reads.
const CONCURRENCY = 16;

/** Stores every update of one verified body; resolves only when all are stored, else throws after trying each. */
export async function storeUpdates(updates: InstagramUpdate[], deps: IntakeDeps): Promise<IntakeResult> {
  const unique = new Map<string, InstagramUpdate>();
  for (const u of updates) if (!unique.has(externalIdOf(u))) unique.set(externalIdOf(u), u);
  const result: IntakeResult = { stored: 0, redelivered: 0 };
  await eachLimited([...unique.values()], CONCURRENCY, async (update) => {
    const fresh = await storeOne(update, deps);
    if (fresh) result.stored++;
    else result.redelivered++;
  });
  return result;
}

async function storeOne(update: InstagramUpdate, deps: IntakeDeps): Promise<boolean> {
  const { ctx } = deps;
  const externalId = externalIdOf(update);
  let input: InboundMessageInput | null;
  if (update.kind === 'mention') {
    // Redelivered mentions are already stored: no need to ask Meta for their text again.
    if (await ctx.store.inbox.get(messageKey(INSTAGRAM_CHANNEL, externalId))) return false;
    input = await mentionMessage(update, externalId, deps);
  } else {
    input = updateMessage(update, externalId, ctx.now());
  }
  try {
    const accepted = await ctx.intake.accept(input);
    if (update.kind === 'dm') await deps.window.recordInbound(update.senderId, update.at ?? ctx.now());
    return !accepted.redelivered;
  } catch (error) {
    // The same comment can come as a comment and as a mention with a different sender shape: it is stored already.
    if (error instanceof ExternalIdConflictError) return false;
    throw error;
  }
}

function updateMessage(update: Exclude<InstagramUpdate, MentionUpdate>, externalId: string, now: Date): InboundMessageInput {
  if (update.kind === 'comment') {
    const raw: InstagramSource = { kind: 'comment', commentId: update.commentId, mediaId: update.mediaId, parentId: update.parentId };
    return {
      channel: INSTAGRAM_CHANNEL,
      externalId,
      sender: { id: update.from.id, ...(update.from.username ? { handle: update.from.username } : {}) },
      text: update.text,
      receivedAt: update.at ?? now,
      raw,
      ...privacyFields(update.text),
    };
  }
  const raw: InstagramSource = { kind: 'dm', mid: update.mid };
  return {
    channel: INSTAGRAM_CHANNEL,
    externalId,
    sender: { id: update.senderId },
    text: update.text,
    attachments: update.attachments,
    receivedAt: update.at ?? now,
    raw,
    ...privacyFields(update.text),
  };
}

/**
 * Mentions arrive as ids only. A fetch that may succeed later (5xx, rate limit, expired token)
 * refuses the body so Meta redelivers it; one that never will (the comment was deleted, or is not
 * visible to us) stores the mention without text and flagged `incomplete`, so an operator sees it.
 */
async function mentionMessage(update: MentionUpdate, externalId: string, deps: IntakeDeps): Promise<InboundMessageInput> {
  const raw: InstagramSource = { kind: 'mention', commentId: update.commentId, mediaId: update.mediaId };
  const base = { channel: INSTAGRAM_CHANNEL, externalId, raw, receivedAt: update.at ?? deps.ctx.now() };
  if (!deps.graph) throw new MentionFetchUnavailableError(new Error('INSTAGRAM_ACCESS_TOKEN is not set'));
  try {
    const found =
      update.commentId === null
        ? await deps.graph.mentionedMedia(update.mediaId).then((m) => ({ text: m.caption, username: m.username, id: null, at: m.timestamp }))
        : await deps.graph.mentionedComment(update.commentId).then((c) => ({ text: c.text, username: c.username, id: c.fromId, at: c.timestamp }));
    await deps.health.tokenAccepted();
    const senderId = found.id ?? (found.username ? `@${found.username}` : `mention:${externalId}`);
    return {
      ...base,
      receivedAt: found.at ?? base.receivedAt,
      sender: { id: senderId, ...(found.username ? { handle: found.username } : {}) },
      text: found.text,
      ...privacyFields(found.text),
    };
  } catch (error) {
    const kind = graphErrorKind(error);
    if (kind === 'token' && error instanceof GraphApiError) await deps.health.tokenRejected(error.message, deps.ctx.now());
    if (kind !== 'permanent') throw new MentionFetchUnavailableError(error);
    deps.ctx.log.warn({ channel: INSTAGRAM_CHANNEL, externalId, err: error }, 'mention text cannot be fetched; stored as incomplete');
    const flags: MessageFlag[] = ['incomplete'];
    return { ...base, sender: { id: `mention:${externalId}` }, text: '', flags };
  }
}

/**
 * Runs `task` over `items`, `limit` at a time. A mention whose text cannot be read yet does not
 * stop the others: it must not keep the rest of a 1000-update batch from being stored. Any other
 * failure (intake down) stops new starts, since the rest would fail alike, and is rethrown first.
 */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let fatal: { error: unknown } | null = null;
  let deferred: unknown = null;
  const lane = async () => {
    while (fatal === null && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        if (error instanceof MentionFetchUnavailableError) deferred ??= error;
        else fatal ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (fatal !== null) throw (fatal as { error: unknown }).error;
  if (deferred !== null) throw deferred;
}
