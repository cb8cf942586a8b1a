import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hmacSha256 } from '../../../src/http/webhookSignature';
import type { FakeGraphApi } from './fakeGraphApi';

/**
 * Webhook bodies as Meta sends them, built from the documented fixtures in ../fixtures, and a
 * sender that signs them like Meta (X-Hub-Signature-256). Each builder also tells the fake Graph
 * API what now exists (the comment, the open DM conversation), as Meta's side would know it.
 */

export type WebhookBody = Record<string, unknown> & { entry: Record<string, unknown>[] };

export function fixture(name: string): WebhookBody {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8')) as WebhookBody;
}

interface Person {
  id: string;
  username: string;
}

export class WebhookFactory {
  constructor(
    private readonly graph: FakeGraphApi,
    private readonly accountId: string,
  ) {}

  private entry(body: WebhookBody): Record<string, unknown> {
    const entry = body.entry[0] as Record<string, unknown>;
    entry.id = this.accountId;
    entry.time = Math.floor(Date.now() / 1000);
    return entry;
  }

  /** A comment on our own media, `changes[]` shape (Facebook Login). */
  comment(from: Person, text: string, opts: { createdAt?: number } = {}): { body: WebhookBody; commentId: string } {
    const c = this.graph.addComment({ text, from, mediaId: '18000000000000001', ownMedia: true, createdAt: opts.createdAt });
    const body = fixture('comment-changes');
    const change = (this.entry(body).changes as { value: Record<string, unknown> }[])[0] as { value: Record<string, unknown> };
    Object.assign(change.value, { id: c.id, text, from });
    return { body, commentId: c.id };
  }

  /** The same comment in the flat shape of Business Login for Instagram. */
  flatComment(from: Person, text: string): { body: WebhookBody; commentId: string } {
    const c = this.graph.addComment({ text, from, mediaId: '18000000000000002', ownMedia: true });
    const body = fixture('comment-flat-instagram-login');
    Object.assign(this.entry(body).value as Record<string, unknown>, { id: c.id, text, from });
    return { body, commentId: c.id };
  }

  /** An @mention in a comment on someone else's media: the webhook carries ids only. */
  mention(from: Person, text: string): { body: WebhookBody; commentId: string; mediaId: string } {
    const mediaId = this.graph.nextId();
    const c = this.graph.addComment({ text, from, mediaId, ownMedia: false });
    const body = fixture('mention-comment-ids-only');
    const change = (this.entry(body).changes as { value: Record<string, unknown> }[])[0] as { value: Record<string, unknown> };
    change.value = { media_id: mediaId, comment_id: c.id };
    return { body, commentId: c.id, mediaId };
  }

  /** An @mention in the caption of someone else's post: the webhook carries the media id only. */
  captionMention(username: string, caption: string): { body: WebhookBody; mediaId: string } {
    const mediaId = this.graph.nextId();
    this.graph.addCaption({ mediaId, caption, username });
    const body = fixture('mention-comment-ids-only');
    const change = (this.entry(body).changes as { value: Record<string, unknown> }[])[0] as { value: Record<string, unknown> };
    change.value = { media_id: mediaId };
    return { body, mediaId };
  }

  /** A direct message; `at` defaults to now and opens the 24-hour window on the fake's side. */
  dm(senderId: string, text: string, opts: { at?: number; attachmentUrl?: string; openWindow?: boolean } = {}): { body: WebhookBody; mid: string } {
    const at = opts.at ?? Date.now();
    const mid = `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj${this.graph.nextId()}`;
    const body = fixture(opts.attachmentUrl ? 'dm-image-attachment' : 'dm-text');
    const event = (this.entry(body).messaging as Record<string, unknown>[])[0] as Record<string, unknown>;
    event.sender = { id: senderId };
    event.recipient = { id: this.accountId };
    event.timestamp = at;
    const message = event.message as Record<string, unknown>;
    Object.assign(message, { mid, text });
    if (opts.attachmentUrl) (message.attachments as { payload: { url: string } }[])[0]!.payload.url = opts.attachmentUrl;
    if (opts.openWindow !== false) this.graph.inboundDm(senderId, at);
    return { body, mid };
  }
}

/** Several bodies' entries in one body, as Meta batches them. */
export function batch(...bodies: WebhookBody[]): WebhookBody {
  return { object: 'instagram', entry: bodies.flatMap((b) => b.entry) };
}

export interface SignOptions {
  /** Override the header: null sends none, a string sends that value. */
  signature?: string | null;
}

/** POSTs `body` to the gateway's Instagram webhook, signed with the app secret as Meta does. */
export function postWebhook(gatewayUrl: string, appSecret: string, body: WebhookBody | string, opts: SignOptions = {}): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const signature = opts.signature === undefined ? `sha256=${hmacSha256(appSecret, raw, 'hex')}` : opts.signature;
  return fetch(`${gatewayUrl}/webhooks/instagram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) },
    body: raw,
  });
}
