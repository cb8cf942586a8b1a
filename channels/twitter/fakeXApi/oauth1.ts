import { createHmac, timingSafeEqual } from 'node:crypto';

export interface OAuth1Keys {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function headerParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const m of header.replace(/^OAuth\s+/i, '').matchAll(/([A-Za-z0-9_%.~-]+)="([^"]*)"/g)) {
    params.set(decodeURIComponent(m[1] ?? ''), decodeURIComponent(m[2] ?? ''));
  }
  return params;
}

/**
 * Checks an OAuth 1.0a HMAC-SHA1 Authorization header as X does (RFC 5849 §3.4): the right
 * consumer key and token, and a signature over method, base URL, oauth and query parameters
 * (a JSON body is not signed).
 */
export function verifyOAuth1(method: string, url: URL, header: string | undefined, keys: OAuth1Keys): boolean {
  if (header === undefined || !/^OAuth\s/i.test(header)) return false;
  const oauth = headerParams(header);
  const signature = oauth.get('oauth_signature');
  if (oauth.get('oauth_consumer_key') !== keys.appKey || oauth.get('oauth_token') !== keys.accessToken || !signature) return false;
  if (oauth.get('oauth_signature_method') !== 'HMAC-SHA1') return false;
  const params: [string, string][] = [...oauth.entries()].filter(([k]) => k !== 'oauth_signature');
  for (const [k, v] of url.searchParams) params.push([k, v]);
  const normalised = params
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = [method.toUpperCase(), enc(`${url.protocol}//${url.host}${url.pathname}`), enc(normalised)].join('&');
  const expected = createHmac('sha1', `${enc(keys.appSecret)}&${enc(keys.accessSecret)}`).update(base).digest('base64');
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}
