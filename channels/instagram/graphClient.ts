import { PostReplyRequest, type RequestConfig } from 'instagram-graph-api';
import { GraphApiError, GraphUnreachableError } from './graphErrors';

const TIMEOUT_MS = 10_000;

export interface MentionedComment {
  id: string;
  text: string;
  username: string | null;
  fromId: string | null;
  timestamp: Date | null;
}

export interface MentionedMedia {
  id: string;
  caption: string;
  username: string | null;
  timestamp: Date | null;
}

/** Who a message goes to: a person in an open conversation, or the author of a comment (private reply). */
export type MessageRecipient = { id: string } | { comment_id: string };

type Json = Record<string, unknown>;

/**
 * The Graph API calls the channel makes, against a configurable base URL (the real API or the
 * local fake). The token goes in the Authorization header, never in a URL that could be logged.
 * instagram-graph-api builds the comment-reply request; it has no messaging or mentions, and its
 * host is fixed, so every request is sent here with fetch.
 */
export class GraphClient {
  constructor(
    private readonly baseUrl: string,
    private readonly accessToken: string,
    private readonly accountId: string,
  ) {}

  /** A comment in which our account was @mentioned, on someone else's media. */
  async mentionedComment(commentId: string): Promise<MentionedComment> {
    const fields = `mentioned_comment.comment_id(${commentId}){id,text,timestamp,username,from}`;
    const body = await this.call('GET', `/${this.accountId}`, { fields });
    const c = (body.mentioned_comment ?? {}) as Json;
    const from = (c.from ?? {}) as Json;
    return {
      id: str(c.id) ?? commentId,
      text: str(c.text) ?? '',
      username: str(c.username) ?? str(from.username),
      fromId: str(from.id),
      timestamp: date(c.timestamp),
    };
  }

  /** A post whose caption @mentions our account. */
  async mentionedMedia(mediaId: string): Promise<MentionedMedia> {
    const fields = `mentioned_media.media_id(${mediaId}){id,caption,timestamp,username}`;
    const body = await this.call('GET', `/${this.accountId}`, { fields });
    const m = (body.mentioned_media ?? {}) as Json;
    return { id: str(m.id) ?? mediaId, caption: str(m.caption) ?? '', username: str(m.username), timestamp: date(m.timestamp) };
  }

  /** Public reply under a comment on our own media: POST /{comment-id}/replies. Returns the new comment id. */
  async replyToComment(commentId: string, text: string): Promise<string> {
    const config = new PostReplyRequest(this.accessToken, commentId, text).config();
    return this.requireId(await this.send(config));
  }

  /** Public reply to a comment or caption on someone else's media that mentions us: POST /{ig-user-id}/mentions. */
  async replyToMention(target: { mediaId: string; commentId: string | null }, text: string): Promise<string> {
    const query: Record<string, string> = { media_id: target.mediaId, message: text };
    if (target.commentId !== null) query.comment_id = target.commentId;
    return this.requireId(await this.call('POST', `/${this.accountId}/mentions`, query));
  }

  /** A direct message, or a private reply when the recipient is a comment. Returns Meta's message id. */
  async sendMessage(recipient: MessageRecipient, text: string): Promise<string> {
    const body = await this.call('POST', `/${this.accountId}/messages`, {}, { recipient, message: { text } });
    const id = str(body.message_id);
    if (!id) throw new GraphApiError(200, null, null, 'no message_id in the answer', false);
    return id;
  }

  private requireId(body: Json): string {
    const id = str(body.id);
    if (!id) throw new GraphApiError(200, null, null, 'no id in the answer', false);
    return id;
  }

  /** Sends a request built by instagram-graph-api against our base URL, with the token moved to the header. */
  private send(config: RequestConfig): Promise<Json> {
    const query: Record<string, string> = {};
    for (const [name, value] of Object.entries(config.params)) {
      if (name !== 'access_token' && value !== undefined && value !== null) query[name] = String(value);
    }
    return this.call(config.method, config.url, query);
  }

  private async call(method: string, path: string, query: Record<string, string>, json?: unknown): Promise<Json> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.accessToken}`,
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new GraphUnreachableError(error);
    }
    const text = await res.text().catch(() => '');
    let body: Json = {};
    try {
      const parsed: unknown = text === '' ? {} : JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Json;
    } catch {
      // A proxy's HTML error page: the status decides below.
    }
    if (res.ok && body.error === undefined) return body;
    const error = (body.error ?? {}) as Json;
    throw new GraphApiError(
      res.status,
      num(error.code),
      num(error.error_subcode),
      str(error.message) ?? res.statusText,
      error.is_transient === true,
      rateLimitWait(res.headers),
    );
  }
}

/**
 * How long Meta asks us to wait: X-Business-Use-Case-Usage carries estimated_time_to_regain_access
 * in minutes per business id. Null when Meta did not say.
 */
function rateLimitWait(headers: Headers): number | null {
  const usage = headers.get('x-business-use-case-usage');
  if (!usage) return null;
  try {
    const parsed = JSON.parse(usage) as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Math.max(0, ...Object.values(parsed).flat().map((u) => u.estimated_time_to_regain_access ?? 0));
    return minutes > 0 ? minutes * 60_000 : null;
  } catch {
    return null;
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function date(v: unknown): Date | null {
  if (typeof v !== 'string') return null;
  // Graph timestamps look like 2026-11-23T03:04:05+0000; Date wants +00:00.
  const d = new Date(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? null : d;
}
