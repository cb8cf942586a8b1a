import { randomUUID } from 'node:crypto';
import type { Sender } from '../../src/message/inboundMessage';
import { hashPassword } from '../../src/console/password';
import type { Privacy } from '../../src/message/inboundMessage';
import type { OperatorRole, ReviewReason, Store, Ticket, User } from '../../src/store/types';
import { generateTrackingNumber } from '../../src/tickets/trackingNumber';

export const PASSWORD = 'kata-sandi-uji-123';

export async function createOperator(store: Store, role: OperatorRole, agency: string | null = null): Promise<User> {
  const id = randomUUID();
  return store.users.create({
    id,
    email: `${role}.${id.slice(0, 8)}@lapor.test`,
    name: `Uji ${role}`,
    role,
    agency,
    passwordHash: await hashPassword(PASSWORD),
    createdAt: new Date(),
  });
}

export interface SeedOptions {
  reason?: ReviewReason;
  text?: string;
  channel?: string;
  privacy?: Privacy;
  sender?: Sender;
  agency?: string | null;
  regionCode?: string | null;
  category?: string;
  suggestion?: Record<string, unknown>;
  /** Messages for the queue are made older than anything before them, so the oldest-first order is known. */
  receivedAt?: Date;
}

export interface Seeded {
  trackingId: string;
  reviewId: string;
  messageKey: string;
  ticket: Ticket;
}

/**
 * A message the machine was unsure about, as the inbound worker leaves it (workers/inbound/
 * fileReport.ts): stored and processed, a ticket in belum_terverifikasi whose number the citizen
 * already has, and an open review item pointing at it. Made with store calls so each test knows
 * exactly which reason it gets, whatever the parser's thresholds are today.
 */
export async function seedReviewItem(store: Store, o: SeedOptions = {}): Promise<Seeded> {
  const key = `test-${randomUUID()}`;
  const trackingId = generateTrackingNumber();
  const channel = o.channel ?? 'web';
  const receivedAt = o.receivedAt ?? new Date();
  const sender = o.sender ?? { id: '+6281234500001', name: 'Siti Pelapor', phone: '+6281234500001' };
  const text = o.text ?? 'Jalan berlubang besar di depan SDN 3, sudah dua minggu belum diperbaiki.';
  await store.inbox.insert({
    key,
    channel,
    externalId: key,
    sender,
    text,
    attachments: [],
    fields: { privacy: o.privacy ?? 'public' },
    receivedAt,
    raw: { text },
    fingerprint: key,
    trackingId,
    flags: o.reason === 'incomplete_sms' ? ['incomplete'] : [],
  });
  const { ticket } = await store.tickets.create({
    trackingId,
    sourceKey: key,
    channel,
    reporter: sender,
    title: text.slice(0, 60),
    text,
    category: o.category ?? 'infrastruktur',
    location: null,
    occurredAt: null,
    privacy: o.privacy ?? 'public',
    language: 'id',
    status: 'belum_terverifikasi',
    createdAt: receivedAt,
    verifyDueAt: new Date(receivedAt.getTime() + 3 * 86_400_000),
    actor: 'system:intake',
    agency: o.agency ?? null,
    regionCode: o.regionCode ?? null,
    caseId: null,
    duplicateOf: null,
  });
  const reviewId = `review:${key}`;
  await store.review.create({
    id: reviewId,
    reason: o.reason ?? 'low_confidence',
    channel,
    messageKey: key,
    trackingId,
    suggestion: { category: ticket.category, agency: o.agency ?? null, regionCode: o.regionCode ?? null, title: ticket.title, ...o.suggestion },
    reasons: ['kategori tidak pasti (0.41)'],
    createdAt: receivedAt,
  });
  await store.inbox.markProcessed(key, { kind: 'new_ticket', trackingId, reviewIds: [reviewId] }, trackingId, receivedAt);
  return { trackingId, reviewId, messageKey: key, ticket };
}

/** A ticket already forwarded to `agency`, as after a verification. */
export async function seedForwardedTicket(store: Store, agency: string, o: SeedOptions = {}): Promise<Seeded> {
  const seeded = await seedReviewItem(store, { ...o, agency });
  await store.review.resolve(seeded.reviewId, 'verifikasi', 'operator:seed', new Date());
  const at = new Date();
  await store.tickets.changeStatus({ trackingId: seeded.trackingId, from: 'belum_terverifikasi', to: 'terverifikasi', actor: 'operator:seed', note: null, at });
  const ticket = await store.tickets.changeStatus({
    trackingId: seeded.trackingId,
    from: 'terverifikasi',
    to: 'diteruskan',
    actor: 'operator:seed',
    note: null,
    at,
    followUpDueAt: new Date(at.getTime() + 5 * 86_400_000),
  });
  return { ...seeded, ticket };
}

/** A cookie-keeping HTTP client for one operator: log in, GET pages, POST forms with the token. */
export class ConsoleClient {
  private cookies = new Map<string, string>();

  /** `headers` go with every request, e.g. X-Forwarded-For to speak from another address behind TRUST_PROXY. */
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<Response> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { ...this.headers, cookie: this.header() }, redirect: 'manual' });
    this.remember(res);
    return res;
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...this.headers, cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.remember(res);
    return res;
  }

  /** The CSRF token in a page's forms. */
  static token(page: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(page);
    if (!m?.[1]) throw new Error('no CSRF token on the page');
    return m[1];
  }

  async login(email: string, password = PASSWORD): Promise<Response> {
    const form = await (await this.get('/console/login')).text();
    return this.post('/console/login', { _csrf: ConsoleClient.token(form), email, password });
  }

  /** The token of the signed-in session, read from a console page. */
  async csrf(): Promise<string> {
    return ConsoleClient.token(await (await this.get('/console/tickets')).text());
  }
}
