import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';

/**
 * A local stand-in for the parts of the Graph API the Instagram channel uses, answering with
 * Meta's documented shapes and errors. Tests and the demo point GRAPH_API_URL at `url`.
 * It keeps a small world: comments and captions that exist, when each person last wrote to us by
 * DM (the 24-hour window), which comments had their one private reply, and everything we sent.
 */

export interface FakeComment {
  id: string;
  text: string;
  from: { id: string; username: string };
  mediaId: string;
  /** True for comments on our own media (replies via /replies, private replies allowed). */
  ownMedia: boolean;
  createdAt: number;
}

export interface FakeCaption {
  mediaId: string;
  caption: string;
  username: string;
  createdAt: number;
}

export type FakeSendKind = 'comment_reply' | 'mention_reply' | 'message' | 'private_reply';

export interface FakeSent {
  kind: FakeSendKind;
  id: string;
  /** The comment, media or person the reply went to. */
  target: string;
  text: string;
  at: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorized: boolean;
}

export type FailureMode = 'token_expired' | 'rate_limit' | 'server_error';

const MESSAGING_WINDOW_MS = 24 * 3_600_000;
const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 3_600_000;

interface GraphError {
  status: number;
  error: { message: string; type: string; code: number; error_subcode?: number; is_transient?: boolean; fbtrace_id: string };
  headers?: Record<string, string>;
}

const ERRORS: Record<FailureMode | 'outside_window' | 'bad_token' | 'not_found' | 'bad_param', GraphError> = {
  token_expired: {
    status: 400,
    error: { message: 'Error validating access token: Session has expired.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: 'AfakeTrace190' },
  },
  bad_token: {
    status: 400,
    error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: 'AfakeTrace190b' },
  },
  rate_limit: {
    status: 400,
    error: { message: '(#4) Application request limit reached', type: 'OAuthException', code: 4, is_transient: true, fbtrace_id: 'AfakeTrace4' },
    headers: { 'x-business-use-case-usage': JSON.stringify({ '17841400000000001': [{ type: 'instagram', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 1 }] }) },
  },
  server_error: {
    status: 500,
    error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true, fbtrace_id: 'AfakeTrace2' },
  },
  outside_window: {
    status: 400,
    error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278, fbtrace_id: 'AfakeTrace10' },
  },
  not_found: {
    status: 400,
    error: {
      message: "Unsupported get request. Object does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
      fbtrace_id: 'AfakeTrace100',
    },
  },
  bad_param: {
    status: 400,
    error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id: 'AfakeTrace100p' },
  },
};

export interface FakeGraphApiOptions {
  accountId: string;
  accessToken: string;
  version?: string;
  now?: () => number;
}

export class FakeGraphApi {
  readonly comments = new Map<string, FakeComment>();
  readonly captions = new Map<string, FakeCaption>();
  /** IGSID → when that person last wrote to us by DM (opens the 24-hour window). */
  readonly lastInboundDm = new Map<string, number>();
  readonly privateReplied = new Set<string>();
  readonly sent: FakeSent[] = [];
  readonly requests: FakeRequest[] = [];
  /** The base URL to use as GRAPH_API_URL (with the version path, like the real one); set by start(). */
  url = '';
  private failures: { mode: FailureMode; path: RegExp }[] = [];
  private server: Server | null = null;
  private seq = 0;
  private readonly version: string;
  private readonly now: () => number;

  constructor(private readonly options: FakeGraphApiOptions) {
    this.version = options.version ?? 'v26.0';
    this.now = options.now ?? Date.now;
  }

  async start(port = 0): Promise<this> {
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    app.use((req, res) => this.handle(req, res));
    this.server = await new Promise<Server>((resolve) => {
      const s = app.listen(port, '127.0.0.1', () => resolve(s));
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${this.version}`;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** The next `count` authorised calls whose path (after the version) matches `path` fail as `mode` says. */
  failNext(mode: FailureMode, path: RegExp, count = 1): void {
    for (let i = 0; i < count; i++) this.failures.push({ mode, path });
  }

  nextId(): string {
    this.seq += 1;
    return `179${String(this.now()).slice(-9)}${String(this.seq).padStart(4, '0')}`;
  }

  addComment(comment: Omit<FakeComment, 'id' | 'createdAt'> & { id?: string; createdAt?: number }): FakeComment {
    const c: FakeComment = { ...comment, id: comment.id ?? this.nextId(), createdAt: comment.createdAt ?? this.now() };
    this.comments.set(c.id, c);
    return c;
  }

  addCaption(caption: Omit<FakeCaption, 'createdAt'> & { createdAt?: number }): FakeCaption {
    const c: FakeCaption = { ...caption, createdAt: caption.createdAt ?? this.now() };
    this.captions.set(c.mediaId, c);
    return c;
  }

  /** A person wrote to us by DM at `at`: the 24-hour window opens from then. */
  inboundDm(senderId: string, at = this.now()): void {
    this.lastInboundDm.set(senderId, Math.max(at, this.lastInboundDm.get(senderId) ?? 0));
  }

  private fail(res: Response, which: keyof typeof ERRORS): void {
    const e = ERRORS[which];
    for (const [name, value] of Object.entries(e.headers ?? {})) res.setHeader(name, value);
    res.status(e.status).json({ error: e.error });
  }

  private handle(req: Request, res: Response): void {
    const prefix = `/${this.version}`;
    const path = req.path.startsWith(prefix) ? req.path.slice(prefix.length) : req.path;
    const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]));
    const header = req.get('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7) : query.access_token;
    const authorized = token === this.options.accessToken;
    this.requests.push({ method: req.method, path, query, body: req.body as unknown, authorized });

    if (!req.path.startsWith(prefix)) return this.fail(res, 'bad_param');
    if (!authorized) return this.fail(res, 'bad_token');
    const failure = this.failures.findIndex((f) => f.path.test(path));
    if (failure >= 0) return this.fail(res, (this.failures.splice(failure, 1)[0] as { mode: FailureMode }).mode);

    const parts = path.split('/').filter((p) => p !== '');
    const account = this.options.accountId;
    if (req.method === 'GET' && parts.length === 1 && parts[0] === account) return this.getAccountField(query.fields ?? '', res);
    if (req.method === 'GET' && parts.length === 1) return this.getComment(parts[0] as string, res);
    if (req.method === 'POST' && parts.length === 2 && parts[1] === 'replies') return this.postCommentReply(parts[0] as string, query, res);
    if (req.method === 'POST' && parts.length === 2 && parts[0] === account && parts[1] === 'mentions') return this.postMentionReply(query, res);
    if (req.method === 'POST' && parts.length === 2 && parts[0] === account && parts[1] === 'messages') return this.postMessage(req.body, res);
    this.fail(res, 'not_found');
  }

  /** GET /{ig-user-id}?fields=mentioned_comment.comment_id(X){…} or mentioned_media.media_id(X){…} */
  private getAccountField(fields: string, res: Response): void {
    const comment = /^mentioned_comment\.comment_id\((\d+)\)/.exec(fields);
    if (comment) {
      const c = this.comments.get(comment[1] as string);
      if (!c || c.ownMedia) return this.fail(res, 'not_found');
      res.json({
        mentioned_comment: { id: c.id, text: c.text, timestamp: graphTime(c.createdAt), username: c.from.username, from: c.from },
        id: this.options.accountId,
      });
      return;
    }
    const media = /^mentioned_media\.media_id\((\d+)\)/.exec(fields);
    if (media) {
      const m = this.captions.get(media[1] as string);
      if (!m) return this.fail(res, 'not_found');
      res.json({ mentioned_media: { id: m.mediaId, caption: m.caption, timestamp: graphTime(m.createdAt), username: m.username }, id: this.options.accountId });
      return;
    }
    res.json({ id: this.options.accountId });
  }

  /** GET /{comment-id}: a comment on our own media. */
  private getComment(id: string, res: Response): void {
    const c = this.comments.get(id);
    if (!c || !c.ownMedia) return this.fail(res, 'not_found');
    res.json({ id: c.id, text: c.text, username: c.from.username, from: c.from, timestamp: graphTime(c.createdAt), media: { id: c.mediaId } });
  }

  /** POST /{comment-id}/replies?message=… */
  private postCommentReply(commentId: string, query: Record<string, string>, res: Response): void {
    const c = this.comments.get(commentId);
    if (!c || !c.ownMedia) return this.fail(res, 'not_found');
    if (!query.message) return this.fail(res, 'bad_param');
    res.json({ id: this.record('comment_reply', commentId, query.message) });
  }

  /** POST /{ig-user-id}/mentions?media_id=…&comment_id=…&message=… */
  private postMentionReply(query: Record<string, string>, res: Response): void {
    if (!query.message || !query.media_id) return this.fail(res, 'bad_param');
    if (query.comment_id !== undefined) {
      const c = this.comments.get(query.comment_id);
      if (!c || c.ownMedia || c.mediaId !== query.media_id) return this.fail(res, 'not_found');
    } else if (!this.captions.has(query.media_id)) {
      return this.fail(res, 'not_found');
    }
    res.json({ id: this.record('mention_reply', query.comment_id ?? query.media_id, query.message) });
  }

  /** POST /{ig-user-id}/messages {recipient: {id} | {comment_id}, message: {text}} */
  private postMessage(body: unknown, res: Response): void {
    const b = (body ?? {}) as { recipient?: { id?: string; comment_id?: string }; message?: { text?: string } };
    const text = b.message?.text;
    if (typeof text !== 'string' || text === '' || text.length > 1000) return this.fail(res, 'bad_param');
    if (b.recipient?.comment_id) {
      const c = this.comments.get(b.recipient.comment_id);
      if (!c || !c.ownMedia) return this.fail(res, 'not_found');
      if (this.privateReplied.has(c.id) || this.now() - c.createdAt > PRIVATE_REPLY_WINDOW_MS) return this.fail(res, 'outside_window');
      this.privateReplied.add(c.id);
      res.json({ recipient_id: c.from.id, message_id: this.record('private_reply', c.id, text) });
      return;
    }
    const to = b.recipient?.id;
    if (!to) return this.fail(res, 'bad_param');
    const last = this.lastInboundDm.get(to);
    if (last === undefined || this.now() - last > MESSAGING_WINDOW_MS) return this.fail(res, 'outside_window');
    res.json({ recipient_id: to, message_id: this.record('message', to, text) });
  }

  private record(kind: FakeSendKind, target: string, text: string): string {
    const id = kind === 'message' || kind === 'private_reply' ? `aWdfZAG1faXRlbToxOkZBS0U${this.nextId()}` : this.nextId();
    this.sent.push({ kind, id, target, text, at: this.now() });
    return id;
  }
}

/** Graph API timestamps: ISO 8601 with a +0000 offset. */
function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
