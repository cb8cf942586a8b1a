import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSelfSignedCertificate } from './certificate';
import { verifyOAuth1, type OAuth1Keys } from './oauth1';
import { tweetWeight } from './tweetWeight';

/**
 * A local stand-in for the X API v2, speaking its documented wire format over HTTPS: GET
 * /2/users/:id/mentions (since_id, pagination_token, expansions=author_id), POST /2/tweets,
 * POST /2/dm_conversations/with/:participant_id/messages, x-rate-limit-* headers, and the error
 * bodies X sends (problem JSON). Tests and the demo drive it: add mentions, make the next call
 * fail, read what was posted.
 */

export interface FakeUser {
  id: string;
  username: string;
  name: string;
}

export interface FakeTweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  conversation_id: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
  entities?: { mentions: { start: number; end: number; username: string; id: string }[] };
}

export interface PostedTweet {
  id: string;
  text: string;
  inReplyToTweetId: string | null;
  at: Date;
}

export interface SentDm {
  eventId: string;
  participantId: string;
  text: string;
  at: Date;
}

export type Endpoint = 'mentions' | 'tweets' | 'dm';
export type Failure =
  | { kind: 'rate_limit'; resetInSeconds: number }
  | { kind: 'unauthorized' }
  | { kind: 'server_error' }
  | { kind: 'duplicate' }
  | { kind: 'forbidden'; detail: string };

export interface FakeXApiOptions extends OAuth1Keys {
  account: FakeUser;
  bearerToken: string;
  /** X allows up to 100 per page; a smaller cap shows pagination with few tweets. */
  maxPageSize?: number;
}

const WINDOW_SECONDS = 900;
const LIMITS: Record<Endpoint, number> = { mentions: 450, tweets: 200, dm: 200 };

function problem(status: number, title: string, detail: string, type = 'about:blank') {
  return { title, detail, type, status };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export class FakeXApi {
  readonly posted: PostedTweet[] = [];
  readonly dms: SentDm[] = [];
  /** Every mentions request's query, to see since_id and pagination at work. */
  readonly mentionQueries: Record<string, string>[] = [];
  /** Every request as "METHOD /path" with its status, in order. */
  readonly requests: { method: string; path: string; status: number; at: Date }[] = [];
  private readonly users = new Map<string, FakeUser>();
  private readonly tweets: FakeTweet[] = [];
  private readonly failures = new Map<Endpoint, Failure[]>();
  private readonly windows = new Map<Endpoint, { remaining: number; reset: number }>();
  private nextId = 1_850_000_000_000_000_000n;
  private server: Server | null = null;
  private certDir: string | null = null;
  url = '';
  caFile = '';

  constructor(readonly options: FakeXApiOptions) {
    this.addUser(options.account);
  }

  async start(port = 0): Promise<this> {
    this.certDir = mkdtempSync(join(tmpdir(), 'fake-x-api-'));
    const cert = makeSelfSignedCertificate(this.certDir);
    this.caFile = cert.certFile;
    const server = createServer({ cert: cert.cert, key: cert.key }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(problem(500, 'Internal Error', String(error))));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    if (this.certDir) rmSync(this.certDir, { recursive: true, force: true });
  }

  addUser(user: FakeUser): FakeUser {
    this.users.set(user.id, user);
    return user;
  }

  newId(): string {
    this.nextId += 1_000_000n;
    return this.nextId.toString();
  }

  /** A tweet that mentions our account (as the author typed it, "@lapor1708 …"); returns it with its new id. */
  mention(author: FakeUser, text: string, extra: Partial<Omit<FakeTweet, 'id' | 'text' | 'author_id'>> = {}): FakeTweet {
    this.addUser(author);
    const id = this.newId();
    const account = this.options.account;
    const at = text.indexOf(`@${account.username}`);
    const tweet: FakeTweet = {
      id,
      text,
      author_id: author.id,
      created_at: new Date().toISOString(),
      conversation_id: id,
      ...(at >= 0 ? { entities: { mentions: [{ start: at, end: at + account.username.length + 1, username: account.username, id: account.id }] } } : {}),
      ...extra,
    };
    this.tweets.push(tweet);
    return tweet;
  }

  tweet(id: string): FakeTweet | undefined {
    return this.tweets.find((t) => t.id === id);
  }

  user(id: string): FakeUser | undefined {
    return this.users.get(id);
  }

  /** The next call to `endpoint` fails this way (queued; one failure per call). */
  failNext(endpoint: Endpoint, failure: Failure): void {
    const list = this.failures.get(endpoint) ?? [];
    list.push(failure);
    this.failures.set(endpoint, list);
  }

  private window(endpoint: Endpoint): { remaining: number; reset: number } {
    const now = Math.floor(Date.now() / 1000);
    let w = this.windows.get(endpoint);
    if (!w || w.reset <= now) {
      w = { remaining: LIMITS[endpoint], reset: now + WINDOW_SECONDS };
      this.windows.set(endpoint, w);
    }
    return w;
  }

  private send(res: ServerResponse, req: IncomingMessage, status: number, body: unknown, endpoint: Endpoint | null): void {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (endpoint) {
      const w = this.window(endpoint);
      headers['x-rate-limit-limit'] = String(LIMITS[endpoint]);
      headers['x-rate-limit-remaining'] = String(w.remaining);
      headers['x-rate-limit-reset'] = String(w.reset);
    }
    this.requests.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', status, at: new Date() });
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
  }

  /** Applies a queued failure or an exhausted window; true when the request was answered with an error. */
  private failed(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): boolean {
    const w = this.window(endpoint);
    const failure = this.failures.get(endpoint)?.shift();
    if (failure?.kind === 'rate_limit') {
      w.remaining = 0;
      w.reset = Math.floor(Date.now() / 1000) + failure.resetInSeconds;
    }
    if (w.remaining <= 0) {
      this.send(res, req, 429, problem(429, 'Too Many Requests', 'Too Many Requests'), endpoint);
      return true;
    }
    w.remaining--;
    if (!failure) return false;
    switch (failure.kind) {
      case 'unauthorized':
        this.send(res, req, 401, problem(401, 'Unauthorized', 'Unauthorized'), endpoint);
        return true;
      case 'server_error':
        this.send(res, req, 503, problem(503, 'Service Unavailable', 'Service Unavailable'), endpoint);
        return true;
      case 'duplicate':
        this.send(res, req, 403, problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'), endpoint);
        return true;
      case 'forbidden':
        this.send(res, req, 403, problem(403, 'Forbidden', failure.detail), endpoint);
        return true;
    }
    return false;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? '127.0.0.1'}`);
    const mentions = /^\/2\/users\/(\d+)\/mentions$/.exec(url.pathname);
    const dm = /^\/2\/dm_conversations\/with\/(\d+)\/messages$/.exec(url.pathname);
    if (req.method === 'GET' && mentions) return this.mentions(mentions[1] ?? '', url, req, res);
    if (req.method === 'POST' && url.pathname === '/2/tweets') return this.createTweet(url, req, res);
    if (req.method === 'POST' && dm) return this.sendDm(dm[1] ?? '', url, req, res);
    this.send(res, req, 404, problem(404, 'Not Found Error', `no route ${req.method} ${url.pathname}`), null);
  }

  private mentions(userId: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
    if (req.headers.authorization !== `Bearer ${this.options.bearerToken}`) {
      this.send(res, req, 401, problem(401, 'Unauthorized', 'Unauthorized'), null);
      return;
    }
    const query = Object.fromEntries(url.searchParams);
    this.mentionQueries.push(query);
    if (this.failed('mentions', req, res)) return;
    const max = Number(query.max_results ?? '10');
    if (!Number.isInteger(max) || max < 5 || max > 100) {
      this.send(res, req, 400, { ...problem(400, 'Invalid Request', 'max_results must be 5..100', 'https://api.twitter.com/2/problems/invalid-request') }, 'mentions');
      return;
    }
    const sinceId = query.since_id === undefined ? null : BigInt(query.since_id);
    const newestFirst = this.tweets
      .filter((t) => t.entities?.mentions.some((m) => m.id === userId) && (sinceId === null || BigInt(t.id) > sinceId))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const offset = query.pagination_token === undefined ? 0 : Number(Buffer.from(query.pagination_token, 'base64url').toString());
    const size = Math.min(max, this.options.maxPageSize ?? 100);
    const page = newestFirst.slice(offset, offset + size);
    if (page.length === 0) {
      this.send(res, req, 200, { meta: { result_count: 0 } }, 'mentions');
      return;
    }
    const fields = new Set((query['tweet.fields'] ?? '').split(','));
    const data = page.map((t) => {
      const out: Record<string, unknown> = { id: t.id, text: t.text, edit_history_tweet_ids: [t.id] };
      for (const f of ['author_id', 'created_at', 'conversation_id', 'in_reply_to_user_id', 'referenced_tweets', 'entities'] as const) {
        if (fields.has(f) && t[f] !== undefined) out[f] = t[f];
      }
      return out;
    });
    const body: Record<string, unknown> = { data };
    if ((query.expansions ?? '').split(',').includes('author_id')) {
      const ids = [...new Set(page.map((t) => t.author_id))];
      body.includes = { users: ids.map((id) => this.users.get(id)).filter((u) => u !== undefined) };
    }
    const more = offset + size < newestFirst.length;
    body.meta = {
      result_count: page.length,
      newest_id: page[0]?.id,
      oldest_id: page[page.length - 1]?.id,
      ...(more ? { next_token: Buffer.from(String(offset + size)).toString('base64url') } : {}),
    };
    this.send(res, req, 200, body, 'mentions');
  }

  private async userContext(url: URL, req: IncomingMessage, res: ServerResponse, endpoint: Endpoint): Promise<unknown> {
    const body = await readBody(req);
    if (!verifyOAuth1(req.method ?? 'POST', url, req.headers.authorization, this.options)) {
      this.send(res, req, 401, problem(401, 'Unauthorized', 'Unauthorized'), null);
      return undefined;
    }
    if (this.failed(endpoint, req, res)) return undefined;
    try {
      return JSON.parse(body) as unknown;
    } catch {
      this.send(res, req, 400, problem(400, 'Invalid Request', 'body is not JSON', 'https://api.twitter.com/2/problems/invalid-request'), endpoint);
      return undefined;
    }
  }

  private async createTweet(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await this.userContext(url, req, res, 'tweets')) as { text?: unknown; reply?: { in_reply_to_tweet_id?: unknown } } | undefined;
    if (body === undefined) return;
    const text = typeof body.text === 'string' ? body.text : '';
    if (text === '' || tweetWeight(text) > 280) {
      this.send(res, req, 400, {
        errors: [{ parameters: { text: [text] }, message: 'text must be 1 to 280 weighted characters' }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      }, 'tweets');
      return;
    }
    if (this.posted.some((p) => p.text === text)) {
      this.send(res, req, 403, problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'), 'tweets');
      return;
    }
    const replyTo = body.reply?.in_reply_to_tweet_id;
    const tweet: PostedTweet = { id: this.newId(), text, inReplyToTweetId: typeof replyTo === 'string' ? replyTo : null, at: new Date() };
    this.posted.push(tweet);
    this.send(res, req, 201, { data: { id: tweet.id, text, edit_history_tweet_ids: [tweet.id] } }, 'tweets');
  }

  private async sendDm(participantId: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await this.userContext(url, req, res, 'dm')) as { text?: unknown } | undefined;
    if (body === undefined) return;
    if (typeof body.text !== 'string' || body.text === '' || body.text.length > 10_000) {
      this.send(res, req, 400, problem(400, 'Invalid Request', 'text is required (at most 10000 characters)', 'https://api.twitter.com/2/problems/invalid-request'), 'dm');
      return;
    }
    const dm: SentDm = { eventId: this.newId(), participantId, text: body.text, at: new Date() };
    this.dms.push(dm);
    const ids = [participantId, this.options.account.id].sort();
    this.send(res, req, 201, { data: { dm_conversation_id: ids.join('-'), dm_event_id: dm.eventId } }, 'dm');
  }
}
