import type { InboundMessageInput } from '../../src/message/inboundMessage';
import type { MentionsPage, TweetV2 } from './mentionsPage';
import { privacyFields } from '../../src/message/privacyTags';
import { complaintText } from './tweetText';
import type { ActivityPayload, DirectMessageEvent, TweetV11 } from './webhookPayload';

export const TWITTER_CHANNEL = 'twitter';
/** DMs and tweets share one id space on X but are different messages to us; the prefix keeps them apart. */
export const DM_PREFIX = 'dm:';

export function isDirectMessage(externalId: string): boolean {
  return externalId.startsWith(DM_PREFIX);
}

/**
 * One tweet becomes the same message whichever path saw it: externalId is the tweet id, the
 * sender and text are built alike, so polling and webhook together still make one ticket.
 */
function tweetMessage(
  tweet: { id: string; text: string; createdAt: string | undefined; author: { id: string; handle?: string; name?: string } },
  raw: Record<string, unknown>,
  now: Date,
): InboundMessageInput {
  const created = tweet.createdAt === undefined ? now : new Date(tweet.createdAt);
  const text = complaintText(tweet.text);
  return {
    channel: TWITTER_CHANNEL,
    externalId: tweet.id,
    sender: { id: tweet.author.id, handle: tweet.author.handle, name: tweet.author.name },
    text,
    receivedAt: Number.isNaN(created.getTime()) ? now : created,
    // Just enough to answer in the right place; never the whole payload.
    raw: { tweetId: tweet.id, ...raw },
    // The tweet itself is public, but #rahasia keeps the ticket's content off public pages and its answers in DMs.
    ...privacyFields(text),
  };
}

/** Webhook tweets worth a ticket: to our account, not by us, not a retweet, and involving us (mention, reply, quote). */
function wantedWebhookTweet(tweet: TweetV11, ourId: string): boolean {
  if (tweet.user.id_str === ourId || tweet.retweeted_status !== undefined) return false;
  const mentions = (tweet.extended_tweet?.entities ?? tweet.entities)?.user_mentions ?? [];
  return (
    mentions.some((m) => m.id_str === ourId) ||
    tweet.in_reply_to_user_id_str === ourId ||
    (tweet.is_quote_status && tweet.quoted_status?.user?.id_str === ourId)
  );
}

function webhookTweet(tweet: TweetV11, now: Date): InboundMessageInput {
  const text = tweet.truncated && tweet.extended_tweet ? tweet.extended_tweet.full_text : tweet.text;
  return tweetMessage(
    {
      id: tweet.id_str,
      text,
      createdAt: tweet.created_at,
      author: { id: tweet.user.id_str, handle: tweet.user.screen_name, name: tweet.user.name },
    },
    { via: 'webhook', inReplyTo: tweet.in_reply_to_status_id_str ?? null, quote: tweet.is_quote_status },
    now,
  );
}

function webhookDm(event: DirectMessageEvent, users: ActivityPayload['users'], now: Date): InboundMessageInput | null {
  const create = event.message_create;
  if (event.type !== 'message_create' || !create) return null;
  const user = users?.[create.sender_id];
  const text = create.message_data.text.trim();
  const sent = new Date(Number(event.created_timestamp));
  return {
    channel: TWITTER_CHANNEL,
    externalId: `${DM_PREFIX}${event.id}`,
    sender: { id: create.sender_id, handle: user?.screen_name, name: user?.name },
    text,
    receivedAt: Number.isNaN(sent.getTime()) || sent.getTime() === 0 ? now : sent,
    raw: { dmEventId: event.id, via: 'webhook' },
    // A DM is anonim unless the citizen tags it otherwise; it is answered by DM either way.
    ...privacyFields(text),
  };
}

/** The messages in one Account Activity body for our account; events for other accounts yield none. */
export function messagesFromWebhook(payload: ActivityPayload, ourId: string, now: Date): InboundMessageInput[] {
  if (payload.for_user_id !== ourId) return [];
  const tweets = (payload.tweet_create_events ?? []).filter((t) => wantedWebhookTweet(t, ourId)).map((t) => webhookTweet(t, now));
  const dms = (payload.direct_message_events ?? [])
    .filter((e) => e.message_create?.sender_id !== ourId)
    .map((e) => webhookDm(e, payload.users, now))
    .filter((m): m is InboundMessageInput => m !== null);
  return [...tweets, ...dms];
}

function wantedMention(tweet: TweetV2, ourId: string): boolean {
  return tweet.author_id !== ourId && !(tweet.referenced_tweets ?? []).some((r) => r.type === 'retweeted');
}

/** The messages in one page of GET /2/users/:id/mentions, oldest first. */
export function messagesFromMentions(page: MentionsPage, ourId: string, now: Date): InboundMessageInput[] {
  const users = new Map(page.includes.users.map((u) => [u.id, u]));
  return page.data
    .filter((t) => wantedMention(t, ourId))
    .map((t) => {
      const user = users.get(t.author_id);
      return tweetMessage(
        {
          id: t.id,
          text: t.note_tweet?.text ?? t.text,
          createdAt: t.created_at,
          author: { id: t.author_id, handle: user?.username, name: user?.name },
        },
        {
          via: 'poll',
          inReplyTo: t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null,
          quote: (t.referenced_tweets ?? []).some((r) => r.type === 'quoted'),
        },
        now,
      );
    })
    .reverse();
}
