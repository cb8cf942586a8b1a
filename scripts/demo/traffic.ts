import { randomUUID } from 'node:crypto';
import { postWebhook } from '../../channels/instagram/fakeGraphApi';
import { deliver, directMessageBody, tweetCreateBody, type FakeUser } from '../../channels/twitter/fakeXApi';
import { fixtureMessages } from '../../bench/support/texts';
import { IG_ACCOUNT_ID, SECRETS, X_ACCOUNT, type DemoWorld } from './world';

export const DEMO_CHANNELS = ['sms', 'twitter', 'instagram', 'web', 'mobile'] as const;
export type DemoChannel = (typeof DEMO_CHANNELS)[number];

/** One thing a citizen does, sent over the channel's real wire format. */
export interface Action {
  channel: DemoChannel;
  kind: string;
  run(): Promise<void>;
}

interface Earlier {
  channel: DemoChannel;
  /** Sends the very same message again (a redelivered webhook, a retried app request, an SMS sent twice). */
  resend: () => Promise<void>;
  /** Sends another message from the same citizen on the same channel. */
  again: (text: string) => Promise<void>;
}

const OWN_MEDIA = '18000000000000001';

function texts(intent: string): string[] {
  return fixtureMessages()
    .filter((m) => m.intent === intent)
    .map((m) => m.text);
}

async function ok(res: Response, what: string): Promise<void> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
}

/**
 * Builds a realistic day of traffic, in Indonesian, across every channel: plain reports, long SMS
 * in several parts, UCS-2 SMS (emoji), mentions, comments and DMs, web form posts with the form's
 * nonce, app reports, resends, follow-ups, status queries ("CEK <nomor>") and spam. Texts come
 * from test/fixtures/messages.jsonl.
 */
export class TrafficGenerator {
  private n = 0;
  private readonly earlier: Earlier[] = [];
  /** Tracking numbers the app got back, with the reporter's phone: they later ask by SMS. */
  private readonly appTickets: { trackingId: string; phone: string }[] = [];
  private readonly complaints = texts('complaint');
  private readonly followups = texts('followup');
  private readonly spam = texts('spam');
  private readonly other = [...texts('information_request'), ...texts('aspiration'), ...texts('greeting')];

  constructor(private readonly world: DemoWorld) {}

  private pick(list: string[]): string {
    return list[this.n++ % Math.max(1, list.length)] ?? 'Jalan rusak parah di depan pasar, mohon segera diperbaiki.';
  }

  private phone(): string {
    return `62812${String(30_000_000 + Math.floor(Math.random() * 60_000_000))}`;
  }

  /** The i-th action of the run; the mix is fixed by i so that every run shows every case. */
  next(i: number): Action {
    const r = i % 20;
    const earlier = this.earlier[Math.floor(Math.random() * this.earlier.length)];
    if (r === 7 && earlier) return { channel: earlier.channel, kind: 'resend', run: earlier.resend };
    if (r === 13 && earlier) return { channel: earlier.channel, kind: 'follow-up', run: () => earlier.again(this.pick(this.followups)) };
    if (r === 17 && this.appTickets.length > 0) {
      const t = this.appTickets[Math.floor(Math.random() * this.appTickets.length)]!;
      return { channel: 'sms', kind: 'status query', run: () => this.sms(t.phone, `CEK ${t.trackingId}`, 0, false) };
    }
    if (r === 19) return i % 40 === 19 ? this.xMention(this.pick(this.spam), 'spam') : this.smsAction(this.pick(this.spam), 'spam');
    if (r === 11) return this.smsAction(this.pick(this.other), 'question / aspiration');
    const slot = i % 10;
    const text = this.pick(this.complaints);
    switch (slot) {
      case 0:
      case 1:
        return this.smsAction(text, 'report');
      case 2:
        return this.smsAction(`${text} ${this.pick(this.complaints)}`, 'multipart');
      case 3:
        return this.smsAction(`${text} 🙏`, 'UCS-2');
      case 4:
        return i % 20 < 10 ? this.xMention(text, 'mention') : this.xDm(text);
      case 5:
        return i % 20 < 10 ? this.igComment(text) : this.igDm(text);
      case 6:
        return i % 20 < 10 ? this.igMention(text) : this.xMention(text, 'mention');
      case 7:
      case 8:
        return this.webForm(text);
      default:
        return this.app(text);
    }
  }

  private remember(e: Earlier): void {
    this.earlier.push(e);
    if (this.earlier.length > 200) this.earlier.shift();
  }

  // --- SMS over SMPP: the simulator sends deliver_sm to the gateway's bound session. -------------

  /** A handset splits what does not fit in one SMS (160 GSM characters, 70 in UCS-2) into concatenated parts. */
  private async sms(from: string, text: string, dataCoding: 0 | 8, multipart: boolean): Promise<void> {
    const sim = this.world.smsc;
    const fits = [...text].length <= (dataCoding === 8 ? 70 : 160);
    const parts = multipart || !fits ? sim.multipart(from, text, 'udh8', { dataCoding }) : [{ from, text, dataCoding }];
    for (const part of parts) {
      const { statuses } = await sim.deliver(part, { redeliverMs: 500, tries: 5 });
      if (statuses[statuses.length - 1] !== 0) throw new Error(`deliver_sm refused with status ${statuses.join(',')}`);
    }
  }

  private smsAction(text: string, kind: string): Action {
    const from = this.phone();
    const dataCoding: 0 | 8 = kind === 'UCS-2' ? 8 : 0;
    const multipart = kind === 'multipart';
    return {
      channel: 'sms',
      kind,
      run: async () => {
        await this.sms(from, text, dataCoding, multipart);
        this.remember({ channel: 'sms', resend: () => this.sms(from, text, dataCoding, multipart), again: (t) => this.sms(from, t, 0, false) });
      },
    };
  }

  // --- X: Account Activity webhooks signed with the consumer secret. ----------------------------

  private xUrl(): string {
    return `${this.world.baseUrl}/webhooks/twitter`;
  }

  private citizen(): FakeUser {
    const id = String(1_480_000_000_000_100_000n + BigInt(this.n++));
    return { id, username: `warga${id.slice(-5)}`, name: 'Warga' };
  }

  private xMention(text: string, kind: string): Action {
    const author = this.citizen();
    return {
      channel: 'twitter',
      kind,
      run: async () => {
        const send = async (t: string) => {
          const tweet = this.world.x.mention(author, `@${X_ACCOUNT.username} ${t}`);
          const body = tweetCreateBody(X_ACCOUNT.id, [{ tweet, author }]);
          await ok(await deliver(this.xUrl(), body, SECRETS.xAppSecret), 'X webhook');
          return body;
        };
        const body = await send(text);
        this.remember({ channel: 'twitter', resend: async () => ok(await deliver(this.xUrl(), body, SECRETS.xAppSecret), 'X webhook'), again: async (t) => void (await send(t)) });
      },
    };
  }

  private xDm(text: string): Action {
    const from = this.citizen();
    this.world.x.addUser(from);
    return {
      channel: 'twitter',
      kind: 'DM',
      run: async () => {
        const send = async (t: string) => {
          const body = directMessageBody(X_ACCOUNT, from, this.world.x.newId(), t);
          await ok(await deliver(this.xUrl(), body, SECRETS.xAppSecret), 'X webhook');
          return body;
        };
        const body = await send(text);
        this.remember({ channel: 'twitter', resend: async () => ok(await deliver(this.xUrl(), body, SECRETS.xAppSecret), 'X webhook'), again: async (t) => void (await send(t)) });
      },
    };
  }

  // --- Instagram: Graph API webhooks signed with X-Hub-Signature-256. ----------------------------

  private igPost(body: Record<string, unknown>): Promise<void> {
    return postWebhook(this.world.baseUrl, SECRETS.igAppSecret, body as Parameters<typeof postWebhook>[2]).then((res) => ok(res, 'Instagram webhook'));
  }

  private igEntry(field: 'changes' | 'messaging', value: unknown): Record<string, unknown> {
    return { object: 'instagram', entry: [{ id: IG_ACCOUNT_ID, time: Math.floor(Date.now() / 1000), [field]: [value] }] };
  }

  private igPerson(): { id: string; username: string } {
    return { id: String(2_323_232_323_200_000 + this.n++), username: `warga_ig${this.n}` };
  }

  private igComment(text: string): Action {
    const from = this.igPerson();
    return {
      channel: 'instagram',
      kind: 'comment',
      run: async () => {
        const send = async (t: string) => {
          const c = this.world.graph.addComment({ text: t, from, mediaId: OWN_MEDIA, ownMedia: true });
          const body = this.igEntry('changes', { field: 'comments', value: { from, media: { id: OWN_MEDIA, media_product_type: 'FEED' }, id: c.id, text: t } });
          await this.igPost(body);
          return body;
        };
        const body = await send(`@lapor1708 ${text}`);
        this.remember({ channel: 'instagram', resend: () => this.igPost(body), again: async (t) => void (await send(t)) });
      },
    };
  }

  private igMention(text: string): Action {
    const from = this.igPerson();
    return {
      channel: 'instagram',
      kind: 'mention',
      run: async () => {
        const mediaId = this.world.graph.nextId();
        const c = this.world.graph.addComment({ text: `@lapor1708 ${text}`, from, mediaId, ownMedia: false });
        const body = this.igEntry('changes', { field: 'mentions', value: { media_id: mediaId, comment_id: c.id } });
        await this.igPost(body);
        this.remember({ channel: 'instagram', resend: () => this.igPost(body), again: (t) => this.igComment(t).run() });
      },
    };
  }

  private igDm(text: string): Action {
    const sender = this.igPerson().id;
    return {
      channel: 'instagram',
      kind: 'DM',
      run: async () => {
        const send = async (t: string) => {
          const at = Date.now();
          this.world.graph.inboundDm(sender, at);
          const body = this.igEntry('messaging', { sender: { id: sender }, recipient: { id: IG_ACCOUNT_ID }, timestamp: at, message: { mid: `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj${this.world.graph.nextId()}`, text: t } });
          await this.igPost(body);
          return body;
        };
        const body = await send(text);
        this.remember({ channel: 'instagram', resend: () => this.igPost(body), again: async (t) => void (await send(t)) });
      },
    };
  }

  // --- Web form: GET the form for its nonce, POST it urlencoded like a browser. -----------------

  private async postForm(fields: Record<string, string>): Promise<void> {
    const res = await fetch(`${this.world.baseUrl}/lapor`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    if (res.status >= 400) throw new Error(`web form: HTTP ${res.status}`);
  }

  private webForm(text: string): Action {
    const phone = `0812${String(40_000_000 + Math.floor(Math.random() * 50_000_000))}`;
    return {
      channel: 'web',
      kind: 'form',
      run: async () => {
        const form = async () => {
          const html = await (await fetch(`${this.world.baseUrl}/lapor`)).text();
          const nonce = /name="nonce" value="([^"]+)"/.exec(html)?.[1];
          if (!nonce) throw new Error('web form: no nonce in GET /lapor');
          return nonce;
        };
        const fields = { isi: text, lokasi: 'Kota Bandung', telepon: phone, nonce: await form() };
        await this.postForm(fields);
        // A double click on "Kirim" sends the same nonce again: one report, not two.
        this.remember({ channel: 'web', resend: () => this.postForm(fields), again: async (t) => this.postForm({ ...fields, isi: t, nonce: await form() }) });
      },
    };
  }

  // --- Mobile app: JSON with an Idempotency-Key. ------------------------------------------------

  private async appPost(key: string, body: unknown): Promise<{ trackingId: string }> {
    const res = await fetch(`${this.world.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    await ok(res, 'app report');
    return (await res.json()) as { trackingId: string };
  }

  private app(text: string): Action {
    const phone = `+62813${String(10_000_000 + Math.floor(Math.random() * 80_000_000))}`;
    return {
      channel: 'mobile',
      kind: 'app report',
      run: async () => {
        const key = randomUUID();
        const body = { text, location: 'Kota Bandung', reporter: { phone } };
        const created = await this.appPost(key, body);
        this.appTickets.push({ trackingId: created.trackingId, phone: phone.replace(/^\+/, '') });
        this.remember({ channel: 'mobile', resend: async () => void (await this.appPost(key, body)), again: async (t) => void (await this.appPost(randomUUID(), { ...body, text: t })) });
      },
    };
  }
}
