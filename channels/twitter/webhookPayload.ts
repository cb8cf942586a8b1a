import { z } from 'zod';

/**
 * The parts of an Account Activity API body we read (developer.x.com, "Account Activity data
 * objects"). Tweets in it are v1.1 objects; DMs are message_create events with a users map.
 * Everything else in the body (favorite_events, follow_events, typing indicators, …) is ignored.
 */

// X ids are 64-bit numbers (at most 20 digits); the bound keeps a sender id within the core's limit.
const UserV11 = z.object({
  id_str: z.string().regex(/^\d{1,20}$/),
  screen_name: z.string().max(100),
  name: z.string().max(200).optional(),
});

const Mentions = z.object({ user_mentions: z.array(z.object({ id_str: z.string() })).default([]) });

export const TweetV11 = z.object({
  id_str: z.string().regex(/^\d+$/),
  created_at: z.string(),
  text: z.string().default(''),
  truncated: z.boolean().default(false),
  extended_tweet: z.object({ full_text: z.string(), entities: Mentions.optional() }).optional(),
  user: UserV11,
  in_reply_to_status_id_str: z.string().nullish(),
  in_reply_to_user_id_str: z.string().nullish(),
  retweeted_status: z.unknown().optional(),
  is_quote_status: z.boolean().default(false),
  quoted_status: z.object({ user: UserV11.partial().optional() }).optional(),
  entities: Mentions.optional(),
});
export type TweetV11 = z.infer<typeof TweetV11>;

export const DirectMessageEvent = z.object({
  type: z.string(),
  id: z.string().regex(/^\d+$/),
  created_timestamp: z.string().regex(/^\d+$/),
  message_create: z
    .object({
      target: z.object({ recipient_id: z.string() }),
      sender_id: z.string().regex(/^\d{1,20}$/),
      message_data: z.object({ text: z.string().default('') }),
    })
    .optional(),
});
export type DirectMessageEvent = z.infer<typeof DirectMessageEvent>;

const DmUser = z.object({ id: z.string(), screen_name: z.string().max(100).optional(), name: z.string().max(200).optional() });

export const ActivityPayload = z.object({
  for_user_id: z.string().regex(/^\d+$/, 'for_user_id must be a user id'),
  tweet_create_events: z.array(TweetV11).optional(),
  direct_message_events: z.array(DirectMessageEvent).optional(),
  users: z.record(z.string(), DmUser).optional(),
});
export type ActivityPayload = z.infer<typeof ActivityPayload>;
