import { z } from 'zod';
import type { Attachment } from '../../src/message/inboundMessage';

/**
 * The three shapes Meta sends to an Instagram webhook, read into one list of updates:
 * - `entry[].changes[]` (Instagram API with Facebook Login): `comments`/`live_comments` carry the
 *   comment; `mentions` carry only ids, so the text is fetched through the Graph API;
 * - `entry[].field` + `entry[].value` (Business Login for Instagram): the same comment, flat;
 * - `entry[].messaging[]`: direct messages (DMs) and their echoes, deletions, reads, reactions.
 * Items we cannot use are named with a reason, never dropped unseen.
 */

const Id = z.union([z.string().min(1).max(128), z.number().int().nonnegative()]).transform(String);

const CommentValue = z.object({
  id: Id,
  text: z.string().max(20_000).default(''),
  from: z.object({ id: Id, username: z.string().max(100).optional() }),
  media: z.object({ id: Id }).partial().optional(),
  parent_id: Id.optional(),
});

const MentionValue = z.object({ media_id: Id, comment_id: Id.optional() });

const MessagingAttachment = z.object({
  type: z.string().max(40),
  payload: z.object({ url: z.string().max(2048).optional() }).nullish(),
});

const MessagingEvent = z.object({
  sender: z.object({ id: Id }),
  recipient: z.object({ id: Id }),
  timestamp: z.number().nonnegative().optional(),
  message: z
    .object({
      mid: z.string().min(1).max(512),
      text: z.string().max(20_000).optional(),
      attachments: z.array(MessagingAttachment).max(50).optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
    })
    .optional(),
});

const Change = z.object({ field: z.string(), value: z.unknown() });

const Entry = z.object({
  id: Id,
  time: z.number().nonnegative().optional(),
  changes: z.array(z.unknown()).optional(),
  messaging: z.array(z.unknown()).optional(),
  field: z.string().optional(),
  value: z.unknown().optional(),
});

/** Meta batches up to 1000 updates per request; the cap leaves room without inviting abuse. */
export const WebhookBody = z.object({
  object: z.literal('instagram', { error: 'object must be "instagram"' }),
  entry: z.array(Entry).max(1000),
});
export type WebhookBody = z.infer<typeof WebhookBody>;

export interface CommentUpdate {
  kind: 'comment';
  commentId: string;
  text: string;
  from: { id: string; username?: string };
  mediaId: string | null;
  parentId: string | null;
  at: Date | null;
}

/** A mention in someone else's comment (commentId) or caption (media only): the text must be fetched. */
export interface MentionUpdate {
  kind: 'mention';
  commentId: string | null;
  mediaId: string;
  at: Date | null;
}

export interface MessageUpdate {
  kind: 'dm';
  mid: string;
  senderId: string;
  text: string;
  attachments: Attachment[];
  at: Date | null;
}

export type InstagramUpdate = CommentUpdate | MentionUpdate | MessageUpdate;

export type SkipReason = 'own_comment' | 'echo' | 'deleted' | 'not_a_message' | 'unsupported_field' | 'unreadable';

export interface ParsedBatch {
  updates: InstagramUpdate[];
  skipped: { reason: SkipReason; field: string }[];
}

/** Meta writes entry.time in seconds for changes and in milliseconds for messaging. */
function instant(time: number | undefined): Date | null {
  if (time === undefined) return null;
  const at = new Date(time < 1e12 ? time * 1000 : time);
  // A time beyond what a Date holds would fail the core's validation and refuse the whole batch.
  return Number.isNaN(at.getTime()) ? null : at;
}

// Types whose payload.url is media the citizen sent; the rest (shares, story mentions) link to posts.
const MEDIA_TYPES: Record<string, string> = { image: 'image/*', video: 'video/*', audio: 'audio/*', file: 'application/octet-stream' };

function attachmentsOf(list: z.infer<typeof MessagingAttachment>[] | undefined): Attachment[] {
  const out: Attachment[] = [];
  for (const a of list ?? []) {
    const url = a.payload?.url;
    if (!url || !/^https:\/\//.test(url) || out.length >= 10) continue;
    const contentType = MEDIA_TYPES[a.type];
    out.push(contentType ? { url, contentType } : { url, name: a.type });
  }
  return out;
}

/** The updates in one verified webhook body; `accountId` is ours, so our own comments and echoes are skipped. */
export function readWebhookBody(body: WebhookBody, accountId: string): ParsedBatch {
  const batch: ParsedBatch = { updates: [], skipped: [] };
  const skip = (reason: SkipReason, field: string) => batch.skipped.push({ reason, field });

  const readChange = (field: string, value: unknown, at: Date | null) => {
    if (field === 'comments' || field === 'live_comments') {
      const c = CommentValue.safeParse(value);
      if (!c.success) return skip('unreadable', field);
      if (c.data.from.id === accountId) return skip('own_comment', field);
      batch.updates.push({
        kind: 'comment',
        commentId: c.data.id,
        text: c.data.text,
        from: c.data.from,
        mediaId: c.data.media?.id ?? null,
        parentId: c.data.parent_id ?? null,
        at,
      });
      return;
    }
    if (field === 'mentions') {
      const m = MentionValue.safeParse(value);
      if (!m.success) return skip('unreadable', field);
      batch.updates.push({ kind: 'mention', commentId: m.data.comment_id ?? null, mediaId: m.data.media_id, at });
      return;
    }
    skip('unsupported_field', field);
  };

  for (const entry of body.entry) {
    const at = instant(entry.time);
    for (const raw of entry.changes ?? []) {
      const change = Change.safeParse(raw);
      if (change.success) readChange(change.data.field, change.data.value, at);
      else skip('unreadable', 'changes');
    }
    if (entry.field !== undefined) readChange(entry.field, entry.value, at);
    for (const raw of entry.messaging ?? []) {
      const event = MessagingEvent.safeParse(raw);
      if (!event.success) {
        skip('unreadable', 'messaging');
        continue;
      }
      const { sender, message, timestamp } = event.data;
      // Reads, reactions, postbacks and referrals carry no message of the citizen.
      if (!message) skip('not_a_message', 'messaging');
      else if (message.is_echo || sender.id === accountId) skip('echo', 'messaging');
      else if (message.is_deleted) skip('deleted', 'messaging');
      else {
        batch.updates.push({
          kind: 'dm',
          mid: message.mid,
          senderId: sender.id,
          text: message.text ?? '',
          attachments: attachmentsOf(message.attachments),
          at: instant(timestamp) ?? at,
        });
      }
    }
  }
  return batch;
}

/** The id Meta keeps for an update across redeliveries: the comment id, the message mid, or the captioned media. */
export function externalIdOf(update: InstagramUpdate): string {
  if (update.kind === 'dm') return `dm:${update.mid}`;
  if (update.kind === 'comment') return `comment:${update.commentId}`;
  // The same comment can arrive as a `comments` and a `mentions` update: one id keeps it one message.
  return update.commentId === null ? `media:${update.mediaId}` : `comment:${update.commentId}`;
}
