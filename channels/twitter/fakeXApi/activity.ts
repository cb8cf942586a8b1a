import { createHmac, randomBytes } from 'node:crypto';
import type { FakeTweet, FakeUser } from './server';

/**
 * What X's Account Activity API sends to a webhook, built from the fake's tweets and users in the
 * documented v1.1 shapes (developer.x.com "Account Activity data objects"), and the signed
 * delivery and CRC check X performs.
 */

// v1.1 created_at: "Wed Oct 10 20:19:24 +0000 2018"
function v11Date(iso: string): string {
  const [wd, day, mon, year, time] = new Date(iso).toUTCString().replace(',', '').split(' ') as [string, string, string, string, string];
  return `${wd} ${mon} ${day} ${time} +0000 ${year}`;
}

function v11User(user: FakeUser) {
  return { id: Number(user.id), id_str: user.id, name: user.name, screen_name: user.username };
}

/** A tweet as a v1.1 object: texts over 140 characters come truncated with extended_tweet.full_text, as X sends them. */
export function v11Tweet(tweet: FakeTweet, author: FakeUser) {
  const mentions = (tweet.entities?.mentions ?? []).map((m) => ({ screen_name: m.username, id_str: m.id, indices: [m.start, m.end] }));
  const long = [...tweet.text].length > 140;
  const repliedTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
  return {
    created_at: v11Date(tweet.created_at),
    id: Number(tweet.id),
    id_str: tweet.id,
    text: long ? `${[...tweet.text].slice(0, 139).join('')}… https://t.co/abc123` : tweet.text,
    truncated: long,
    ...(long ? { extended_tweet: { full_text: tweet.text, display_text_range: [0, tweet.text.length], entities: { user_mentions: mentions } } } : {}),
    user: v11User(author),
    in_reply_to_status_id_str: repliedTo,
    in_reply_to_user_id_str: tweet.in_reply_to_user_id ?? null,
    is_quote_status: tweet.referenced_tweets?.some((r) => r.type === 'quoted') ?? false,
    entities: { hashtags: [], urls: [], user_mentions: long ? mentions.filter((m) => (m.indices[1] ?? 0) <= 139) : mentions, symbols: [] },
    lang: 'in',
    timestamp_ms: String(new Date(tweet.created_at).getTime()),
  };
}

export function tweetCreateBody(forUserId: string, tweets: { tweet: FakeTweet; author: FakeUser }[]) {
  return { for_user_id: forUserId, user_has_blocked: false, tweet_create_events: tweets.map((t) => v11Tweet(t.tweet, t.author)) };
}

export function directMessageBody(account: FakeUser, from: FakeUser, eventId: string, text: string) {
  return {
    for_user_id: account.id,
    direct_message_events: [
      {
        type: 'message_create',
        id: eventId,
        created_timestamp: String(Date.now()),
        message_create: {
          target: { recipient_id: account.id },
          sender_id: from.id,
          message_data: { text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] } },
        },
      },
    ],
    users: {
      [from.id]: { id: from.id, created_timestamp: '1422556069340', name: from.name, screen_name: from.username, protected: false, verified: false },
      [account.id]: { id: account.id, created_timestamp: '1422556069340', name: account.name, screen_name: account.username, protected: false, verified: false },
    },
  };
}

export function signature(appSecret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('base64')}`;
}

/** POSTs a body to the webhook as X does; `sign: false` or a wrong secret shows what an attacker gets. */
export async function deliver(webhookUrl: string, body: unknown, appSecret: string, opts: { sign?: boolean; raw?: string } = {}): Promise<Response> {
  const raw = opts.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (opts.sign !== false) headers['x-twitter-webhooks-signature'] = signature(appSecret, raw);
  return fetch(webhookUrl, { method: 'POST', headers, body: raw });
}

/** The challenge-response check X runs on registration and hourly; true when the webhook answered correctly. */
export async function crcCheck(webhookUrl: string, appSecret: string): Promise<boolean> {
  const token = randomBytes(24).toString('base64url');
  const res = await fetch(`${webhookUrl}?crc_token=${encodeURIComponent(token)}&nonce=${randomBytes(8).toString('hex')}`);
  if (res.status !== 200) return false;
  const body = (await res.json()) as { response_token?: unknown };
  return body.response_token === `sha256=${createHmac('sha256', appSecret).update(token).digest('base64')}`;
}
