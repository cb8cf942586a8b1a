import { createServer, type Server } from 'node:net';
import { FakeGraphApi } from '../../channels/instagram/fakeGraphApi/fakeGraphApi';
import { postWebhook, WebhookFactory } from '../../channels/instagram/fakeGraphApi/webhooks';
import { ACCESS_TOKEN, ACCOUNT_ID, APP_SECRET as IG_SECRET, VERIFY_TOKEN } from '../../channels/instagram/testSupport';
import { InboundMessage, messageKey } from '../../src/message/inboundMessage';
import { ConsoleClient, createOperator } from '../console/consoleSupport';
import { eventually, inboxTotal, startTestGateway, TEST_API_TOKEN, type TestGateway } from '../support/testGateway';

/**
 * Injection from every door: NoSQL operators and prototype-pollution keys in JSON, SQL and LIKE
 * metacharacters, path traversal, attachment URLs aimed at the gateway's own network (SSRF), and
 * HTML/JS in every text field that a page renders. Refused input stores nothing; accepted input is
 * kept as the literal text it is and rendered escaped.
 */
let t: TestGateway;
let graph: FakeGraphApi;
/** A TCP listener that counts connections: anything that fetched a citizen's URL would show here. */
let canary: Server;
let canaryHits = 0;
let canaryPort = 0;

beforeAll(async () => {
  canary = createServer((socket) => {
    canaryHits++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryPort = (canary.address() as { port: number }).port;
  graph = await new FakeGraphApi({ accountId: ACCOUNT_ID, accessToken: ACCESS_TOKEN }).start();
  t = await startTestGateway({
    INSTAGRAM_APP_SECRET: IG_SECRET,
    INSTAGRAM_VERIFY_TOKEN: VERIFY_TOKEN,
    INSTAGRAM_ACCESS_TOKEN: ACCESS_TOKEN,
    INSTAGRAM_ACCOUNT_ID: ACCOUNT_ID,
    GRAPH_API_URL: graph.url,
    API_RATE_LIMIT_PER_MINUTE: '10000',
  });
});
afterAll(async () => {
  await t?.stop();
  await graph?.stop();
  await new Promise<void>((resolve) => canary.close(() => resolve()));
});

let keySeq = 0;
const report = (body: unknown, key = `injection-${++keySeq}-${Date.now()}`) =>
  fetch(`${t.baseUrl}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const TEXT = 'Saluran air di Jl. Kenanga tersumbat sampah, banjir setinggi lutut setiap hujan.';

describe('NoSQL operators and prototype-pollution keys in JSON bodies', () => {
  test.each([
    ['an operator object as the text', { text: { $gt: '' } }],
    ['$where beside the text', { text: TEXT, $where: 'sleep(5000)' }],
    ['an operator object as the phone', { text: TEXT, reporter: { phone: { $ne: null } } }],
    ['an operator list as the privacy', { text: TEXT, privacy: { $in: ['rahasia'] } }],
    ['__proto__ at the top', `{"text":${JSON.stringify(TEXT)},"__proto__":{"polluted":"yes"}}`],
    ['constructor.prototype', { text: TEXT, constructor: { prototype: { polluted: 'yes' } } }],
    ['__proto__ inside the reporter', `{"text":${JSON.stringify(TEXT)},"reporter":{"__proto__":{"polluted":"yes"}}}`],
    ['__proto__ inside an attachment', `{"text":${JSON.stringify(TEXT)},"attachments":[{"url":"https://cdn.example.org/a.jpg","__proto__":{"polluted":"yes"}}]}`],
  ])('the app API refuses %s with 422 and stores nothing', async (_label, body) => {
    const before = await inboxTotal(t);
    const res = await report(body);
    expect(res.status).toBe(422);
    const json = (await res.json()) as { fields?: { path: string }[] };
    expect(json.fields?.length).toBeGreaterThan(0);
    expect(await inboxTotal(t)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('operator-shaped query strings on the integration API are filters of literal text or 4xx, never 5xx', async () => {
    const queries = ['status[$ne]=x', 'status=selesai&status=tunda', 'q[$regex]=.*', '__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', 'q=%7B%22%24gt%22%3A%22%22%7D', 'page[$gt]=0', 'from=1970-01-01T00:00:00Z%27'];
    for (const q of queries) {
      const res = await fetch(`${t.baseUrl}/api/v1/tickets?${q}`, { headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
      expect([q, res.status < 500]).toEqual([q, true]);
      if (res.ok) expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('form posts with operator and prototype keys are refused as a page and store nothing', async () => {
    const before = await inboxTotal(t);
    const page = await (await fetch(`${t.baseUrl}/lapor`)).text();
    const nonce = /name="nonce" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const post = (body: string) => fetch(`${t.baseUrl}/lapor`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    for (const body of [`isi[$gt]=&nonce=${nonce}`, `isi=${encodeURIComponent(TEXT)}&isi=${encodeURIComponent(TEXT)}&nonce=${nonce}`, `isi=${encodeURIComponent(TEXT)}&privasi=%7B%22%24ne%22%3A1%7D&nonce=${nonce}`]) {
      const res = await post(body);
      expect([body, res.status]).toEqual([body, 422]);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
    expect(await inboxTotal(t)).toBe(before);
    // Keys the form does not have are ignored, operator-looking ones included: the report is just its fields.
    const res = await post(`__proto__[polluted]=yes&constructor[prototype][polluted]=yes&isi=${encodeURIComponent(TEXT)}&privasi[$ne]=x&nonce=${nonce}`);
    expect(res.status).toBe(200);
    const stored = await t.gateway.store.inbox.getByTrackingId(/\b(\d{10})\b/.exec(await res.text())?.[1] ?? '');
    expect(stored?.fields?.privacy).toBe('public');
    expect(JSON.stringify(stored?.raw ?? {})).not.toContain('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('SQL and LIKE metacharacters are text', () => {
  test('a report full of SQL is stored and found literally; a wildcard search finds only literal wildcards', async () => {
    const sql = `${TEXT} '); DROP TABLE tickets; -- \\' OR '1'='1 /* 100% _x_ */`;
    const res = await report({ text: sql, title: "Robert'); DROP TABLE inbox;--", location: '%' });
    expect(res.status).toBe(201);
    const { trackingId } = (await res.json()) as { trackingId: string };
    const ticket = await eventually(() => t.gateway.store.tickets.get(trackingId));
    expect(ticket.text).toBe(sql);
    const search = async (q: string) => {
      const r = await fetch(`${t.baseUrl}/api/v1/tickets?q=${encodeURIComponent(q)}&pageSize=100`, { headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
      expect(r.status).toBe(200);
      return ((await r.json()) as { items: { trackingId: string }[] }).items.map((i) => i.trackingId);
    };
    const other = await report({ text: `${TEXT} Tanpa karakter khusus.` });
    const otherId = ((await other.json()) as { trackingId: string }).trackingId;
    await eventually(() => t.gateway.store.tickets.get(otherId));
    expect(await search("' OR '1'='1")).toEqual([trackingId]);
    expect(await search('%_')).toEqual([]);
    expect(await search('100%')).toEqual([trackingId]);
    expect(await search('_x_')).toEqual([trackingId]);
    expect((await t.gateway.store.tickets.list({}, 0, 1)).total).toBeGreaterThanOrEqual(2);
  });
});

describe('path traversal', () => {
  test('traversal in URLs reaches no file', async () => {
    for (const path of ['/lapor/../../package.json', '/console/assets/..%2f..%2f..%2fpackage.json', '/console/assets/%2e%2e/%2e%2e/package.json', '/api/v1/reports/..%2f..%2fpackage.json', '/webhooks/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await fetch(`${t.baseUrl}${path}`, { redirect: 'manual' });
      const body = await res.text();
      // A 4xx, or the console's redirect to its login page: never a 200 with a file in it.
      expect([path, res.status >= 400 || (res.status === 303 && /^\/console\/login/.test(res.headers.get('location') ?? ''))]).toEqual([path, true]);
      expect(body).not.toContain('"lapor-gateway"');
      expect(body).not.toContain('root:x:0:0');
    }
  });

  test('traversal in attachment names and URLs is kept as inert text, never used as a path', async () => {
    const res = await report({ text: TEXT, attachments: [{ url: 'https://cdn.example.org/../../etc/passwd', name: '../../../../etc/passwd' }] });
    expect(res.status).toBe(201);
    const { trackingId } = (await res.json()) as { trackingId: string };
    const stored = await t.gateway.store.inbox.getByTrackingId(trackingId);
    expect(stored?.attachments[0]?.name).toBe('../../../../etc/passwd');
    expect(stored?.attachments[0]?.url).toMatch(/^https:\/\/cdn\.example\.org\//);
  });
});

describe('SSRF through attachment URLs', () => {
  test('non-http(s) and private-address URLs are refused at validation', async () => {
    const before = await inboxTotal(t);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>', 'ftp://cdn.example.org/a', 'gopher://127.0.0.1:6379/_FLUSHALL', `http://127.0.0.1:${canaryPort}/x`, `http://localhost:${canaryPort}/x`, 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data/', 'http://2130706433/']) {
      const res = await report({ text: TEXT, attachments: [{ url }] });
      expect([url, res.status]).toEqual([url, 422]);
    }
    expect(await inboxTotal(t)).toBe(before);
    // The core refuses other schemes whatever a channel passes on.
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:,x', 'ftp://x.example/a']) {
      const parsed = InboundMessage.safeParse({ channel: 'web', externalId: 'x', sender: { id: 'x' }, text: 'x', receivedAt: new Date(), attachments: [{ url }] });
      expect([url, parsed.success]).toEqual([url, false]);
    }
  });

  test('a DM photo pointing at a loopback server becomes a ticket and a reply without anyone fetching it', async () => {
    const hooks = new WebhookFactory(graph, ACCOUNT_ID);
    const { body, mid } = hooks.dm('2323232323239901', TEXT, { attachmentUrl: `https://127.0.0.1:${canaryPort}/latest/meta-data/iam` });
    expect((await postWebhook(t.baseUrl, IG_SECRET, body)).status).toBe(200);
    const key = messageKey('instagram', `dm:${mid}`);
    const message = await eventually(async () => {
      const m = await t.gateway.store.inbox.get(key);
      return m?.state === 'processed' ? m : null;
    });
    expect(message.attachments[0]?.url).toContain(`127.0.0.1:${canaryPort}`);
    await eventually(async () => {
      const reply = await t.gateway.store.replies.get(`ack:${key}`);
      return reply && reply.status !== 'queued';
    });
    // The console shows it as a link an operator may choose to follow, never as an image that loads.
    const admin = await createOperator(t.gateway.store, 'admin');
    const client = new ConsoleClient(t.baseUrl);
    await client.login(admin.email);
    const pages = [await (await client.get(`/console/tickets/${message.trackingId}`)).text()];
    const review = (await t.gateway.store.review.list({ trackingId: message.trackingId }, 0, 5)).items[0];
    if (review) pages.push(await (await client.get(`/console/review/${encodeURIComponent(review.id)}`)).text());
    for (const page of pages) expect(page).not.toMatch(new RegExp(`<(img|iframe|video|audio|source|object|embed)[^>]*127\\.0\\.0\\.1:${canaryPort}`));
    expect(canaryHits).toBe(0);
  });
});

describe('HTML and script in every text field', () => {
  const XSS = `<script>alert('x')</script><img src=x onerror=alert(1)>"'><svg/onload=alert(2)>`;
  const unescaped = /<script>alert|<img src=x|<svg\/onload/;

  test('what a citizen typed into any field is escaped on the status page and every console page that shows it', async () => {
    const res = await report({
      text: `${TEXT} ${XSS}`,
      title: `Judul ${XSS}`,
      location: `Jl. ${XSS}`,
      category: XSS,
      reporter: { name: `Nama ${XSS}`, email: 'warga@example.org' },
      attachments: [{ url: 'https://cdn.example.org/a.jpg', name: `foto ${XSS}` }],
    });
    expect(res.status).toBe(201);
    const { trackingId, accessToken } = (await res.json()) as { trackingId: string; accessToken: string };
    await eventually(async () => {
      const reply = await t.gateway.store.replies.get(`ack:${(await t.gateway.store.inbox.getByTrackingId(trackingId))?.key ?? ''}`);
      return reply && reply.status !== 'queued';
    });

    const admin = await createOperator(t.gateway.store, 'admin');
    const client = new ConsoleClient(t.baseUrl);
    await client.login(admin.email);
    const pages: [string, string][] = [
      ['status page', await (await fetch(`${t.baseUrl}/lapor/status?nomor=${trackingId}`)).text()],
      ['status page echoing a query', await (await fetch(`${t.baseUrl}/lapor/status?nomor=${encodeURIComponent(XSS)}`)).text()],
      ['console ticket', await (await client.get(`/console/tickets/${trackingId}`)).text()],
      ['console ticket list', await (await client.get(`/console/tickets?q=${encodeURIComponent('Judul')}`)).text()],
      ['console search echo', await (await client.get(`/console/tickets?q=${encodeURIComponent(XSS)}&nomor=${encodeURIComponent(XSS)}`)).text()],
      ['console review queue', await (await client.get('/console/review')).text()],
      ['console dashboard', await (await client.get('/console/dashboard')).text()],
    ];
    const review = (await t.gateway.store.review.list({ trackingId }, 0, 5)).items[0];
    if (review) pages.push(['console review item', await (await client.get(`/console/review/${encodeURIComponent(review.id)}`)).text()]);
    for (const [name, page] of pages) expect([name, unescaped.test(page)]).toEqual([name, false]);
    // The console ticket page does show the text: the escaping is what keeps it inert.
    expect(pages[2]![1]).toContain('&lt;script&gt;');

    const json = await (await fetch(`${t.baseUrl}/api/v1/reports/${trackingId}`, { headers: { authorization: `Bearer ${accessToken}` } })).text();
    expect(JSON.parse(json)).toBeTruthy();
  });
});
