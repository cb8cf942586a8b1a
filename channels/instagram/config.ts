import { z } from 'zod';
import { ConfigError } from '../../config/env';

/**
 * The Graph API version is pinned so a platform upgrade never changes payloads under us: v26.0
 * (released 29 Jul 2026) is the newest at the time of writing; Meta keeps a version for about two
 * years. Moving it is a deliberate change: check the changelog for messaging and comment fields.
 */
export const DEFAULT_GRAPH_API_URL = 'https://graph.facebook.com/v26.0';

const InstagramEnv = z.object({
  INSTAGRAM_APP_SECRET: z.string().min(16, 'must be the app secret from the Meta app dashboard').optional(),
  INSTAGRAM_VERIFY_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  INSTAGRAM_ACCESS_TOKEN: z.string().min(1).optional(),
  INSTAGRAM_ACCOUNT_ID: z.string().regex(/^\d{1,32}$/, 'must be the numeric Instagram professional account id').optional(),
  GRAPH_API_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'must be an http(s) URL')
    .transform((u) => u.replace(/\/+$/, ''))
    .default(DEFAULT_GRAPH_API_URL),
});

export interface InstagramConfig {
  appSecret: string;
  verifyToken: string;
  /** Unset: messages are still received, and every reply fails visibly until a token is configured. */
  accessToken: string | null;
  accountId: string;
  graphApiUrl: string;
}

/**
 * The channel's settings, or null when it is off. It is on when the app secret, verify token and
 * account id are set; a bad value throws ConfigError naming the variable, like the core schema.
 */
export function instagramConfig(env: Readonly<Record<string, string>>): InstagramConfig | null {
  const parsed = InstagramEnv.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  if (!e.INSTAGRAM_APP_SECRET || !e.INSTAGRAM_VERIFY_TOKEN || !e.INSTAGRAM_ACCOUNT_ID) return null;
  return {
    appSecret: e.INSTAGRAM_APP_SECRET,
    verifyToken: e.INSTAGRAM_VERIFY_TOKEN,
    accessToken: e.INSTAGRAM_ACCESS_TOKEN ?? null,
    accountId: e.INSTAGRAM_ACCOUNT_ID,
    graphApiUrl: e.GRAPH_API_URL,
  };
}
