import { z } from 'zod';
import { ConfigError, type Config } from '../../config/env';

/** What twitter-api-v2 uses (its API_V2_PREFIX is https://api.x.com/2/); we append "/2/" ourselves. */
export const DEFAULT_API_URL = 'https://api.x.com';

const CREDENTIALS = [
  'TWITTER_APP_KEY',
  'TWITTER_APP_SECRET',
  'TWITTER_ACCESS_TOKEN',
  'TWITTER_ACCESS_SECRET',
  'TWITTER_BEARER_TOKEN',
  'TWITTER_USER_ID',
] as const;

const secret = z.string().min(8, 'looks too short to be an X credential');

const TwitterEnv = z
  .object({
    // Replies need OAuth 1.0a user context; the consumer secret also signs webhooks and CRC answers.
    TWITTER_APP_KEY: secret,
    TWITTER_APP_SECRET: secret,
    TWITTER_ACCESS_TOKEN: secret,
    TWITTER_ACCESS_SECRET: secret,
    TWITTER_BEARER_TOKEN: secret.optional(),
    TWITTER_USER_ID: z.string().regex(/^\d{1,20}$/, 'must be the numeric id of the @lapor1708 account'),
    TWITTER_API_URL: z
      .string()
      .regex(/^https:\/\/[^\s/]+(:\d+)?\/?$/, 'must be https://host[:port] (twitter-api-v2 speaks HTTPS only)')
      .default(DEFAULT_API_URL)
      .transform((url) => url.replace(/\/$/, '')),
    TWITTER_POLL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(0),
    /** A PEM file of extra CA certificates for the X API connection (a local fake); NODE_EXTRA_CA_CERTS also works for whole processes. */
    TWITTER_CA_FILE: z.string().min(1).optional(),
  })
  .refine((env) => env.TWITTER_POLL_SECONDS === 0 || env.TWITTER_BEARER_TOKEN !== undefined, {
    path: ['TWITTER_BEARER_TOKEN'],
    message: 'required when TWITTER_POLL_SECONDS is above 0 (mentions are read with the app-only bearer token)',
  });

export interface TwitterConfig {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
  bearerToken: string | null;
  userId: string;
  /** Base URL without the version path, e.g. https://api.x.com */
  apiUrl: string;
  /** 0: no polling. */
  pollSeconds: number;
  caFile: string | null;
  queuePrefix: string;
}

/** The channel is on as soon as any X credential is set; a partial set is a configuration error, not a silent half-channel. */
export function twitterConfigured(config: Config): boolean {
  return CREDENTIALS.some((name) => config.env[name] !== undefined);
}

const cache = new WeakMap<Config, TwitterConfig>();

/** The channel's settings from the environment; throws ConfigError naming each bad or missing variable. */
export function twitterConfig(config: Config): TwitterConfig {
  const cached = cache.get(config);
  if (cached) return cached;
  const parsed = TwitterEnv.safeParse(config.env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const result: TwitterConfig = {
    appKey: env.TWITTER_APP_KEY,
    appSecret: env.TWITTER_APP_SECRET,
    accessToken: env.TWITTER_ACCESS_TOKEN,
    accessSecret: env.TWITTER_ACCESS_SECRET,
    bearerToken: env.TWITTER_BEARER_TOKEN ?? null,
    userId: env.TWITTER_USER_ID,
    apiUrl: env.TWITTER_API_URL,
    pollSeconds: env.TWITTER_POLL_SECONDS,
    caFile: env.TWITTER_CA_FILE ?? null,
    queuePrefix: config.QUEUE_PREFIX,
  };
  cache.set(config, result);
  return result;
}
