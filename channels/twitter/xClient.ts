import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { TwitterApi, type TwitterApiv2 } from 'twitter-api-v2';
import type { TwitterConfig } from './config';

/**
 * twitter-api-v2 1.29 hard-codes https://api.x.com/2/ and its cloneWithPrefix() throws, so every
 * call we make passes the per-call `prefix` option of the low-level get/post with this value
 * (see STACK-NOTES). That is what lets TWITTER_API_URL point at a local fake.
 */
export interface XClients {
  /** OAuth 1.0a user context of @lapor1708: posting replies and DMs. */
  user: TwitterApiv2;
  /** App-only bearer token: reading mentions. Null when no bearer token is configured. */
  app: TwitterApiv2 | null;
  prefix: string;
}

const cache = new WeakMap<TwitterConfig, XClients>();

export function xClients(cfg: TwitterConfig): XClients {
  const cached = cache.get(cfg);
  if (cached) return cached;
  // Only for a private CA (a local fake); the real API is trusted through the system store.
  const settings = cfg.caFile === null ? {} : { httpAgent: new Agent({ ca: readFileSync(cfg.caFile), keepAlive: true }) };
  const user = new TwitterApi(
    { appKey: cfg.appKey, appSecret: cfg.appSecret, accessToken: cfg.accessToken, accessSecret: cfg.accessSecret },
    settings,
  ).v2;
  const app = cfg.bearerToken === null ? null : new TwitterApi(cfg.bearerToken, settings).v2;
  const clients = { user, app, prefix: `${cfg.apiUrl}/2/` };
  cache.set(cfg, clients);
  return clients;
}
