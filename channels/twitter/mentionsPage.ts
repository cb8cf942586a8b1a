import { z } from 'zod';

/** GET /2/users/:id/mentions as documented (data, includes.users, meta); fields we asked for are optional because X omits empty ones. */
export const TweetV2 = z.object({
  id: z.string().regex(/^\d+$/),
  text: z.string(),
  author_id: z.string(),
  created_at: z.string().optional(),
  conversation_id: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  referenced_tweets: z.array(z.object({ type: z.enum(['retweeted', 'quoted', 'replied_to']), id: z.string() })).optional(),
  /** Posts longer than 280 characters carry their whole text here; `text` is then cut. */
  note_tweet: z.object({ text: z.string() }).optional(),
});
export type TweetV2 = z.infer<typeof TweetV2>;

export const UserV2 = z.object({ id: z.string(), username: z.string().max(100), name: z.string().max(200).optional() });
export type UserV2 = z.infer<typeof UserV2>;

export const MentionsPage = z.object({
  data: z.array(TweetV2).default([]),
  includes: z.object({ users: z.array(UserV2).default([]) }).default({ users: [] }),
  meta: z.object({
    result_count: z.number().int().min(0),
    newest_id: z.string().optional(),
    oldest_id: z.string().optional(),
    next_token: z.string().optional(),
  }),
});
export type MentionsPage = z.infer<typeof MentionsPage>;

export const MENTIONS_QUERY = {
  max_results: '100',
  expansions: 'author_id',
  'tweet.fields': 'created_at,conversation_id,referenced_tweets,entities,author_id,in_reply_to_user_id,note_tweet',
  'user.fields': 'username,name',
} as const;
