import { connect, type Socket } from 'node:net';
import { FakeXApi, signature as xSignature, tweetCreateBody } from '../../channels/twitter/fakeXApi';
import { ACCOUNT, CITIZEN, KEYS, twitterEnv } from '../../channels/twitter/testSupport';
import { FakeGraphApi } from '../../channels/instagram/fakeGraphApi/fakeGraphApi';
import { WebhookFactory } from '../../channels/instagram/fakeGraphApi/webhooks';
import { ACCESS_TOKEN, ACCOUNT_ID, APP_SECRET as IG_SECRET, VERIFY_TOKEN } from '../../channels/instagram/testSupport';
import { hmacSha256 } from '../../src/http/webhookSignature';
import { inboxTotal, startTestGateway, type TestGateway } from '../support/testGateway';

/**
 * Both signed webhooks, attacked the same ways from one table: no signature, a malformed one, one
 * made with another secret, one for other bytes, a replay; a wrong verify token; bodies over the
 * limit; and clients that send their request a byte at a time. Each gets a clear status and the
 * inbox gains nothing (a replay of a stored message gains nothing either).
 */
let t: TestGateway;
let x: FakeXApi;
let graph: FakeGraphApi;
beforeAll(async () => {
  x = await new FakeXApi({ ...KEYS, account: ACCOUNT }).start();
  graph = await new FakeGraphApi({ accountId: ACCOUNT_ID, accessToken: ACCESS_TOKEN }).start();
  t = await startTestGateway({
    ...twitterEnv(x),
    INSTAGRAM_APP_SECRET: IG_SECRET,
    INSTAGRAM_VERIFY_TOKEN: VERIFY_TOKEN,
    INSTAGRAM_ACCESS_TOKEN: ACCESS_TOKEN,
    INSTAGRAM_ACCOUNT_ID: ACCOUNT_ID,
    GRAPH_API_URL: graph.url,
    HTTP_REQUEST_TIMEOUT_MS: '1500',
    HTTP_HEADERS_TIMEOUT_MS: '1000',
  });
});
afterAll(async () => {
  await t?.stop();
  await x?.stop();
  await graph?.stop();
});

interface Platform {
  name: string;
  path: string;
  header: string;
  sign(raw: string, secret?: string): string;
  secret: string;
  /** The largest body the route takes (Meta batches up to 1,000 updates, so Instagram takes more). */
  limitBytes: number;
  /** A fresh, valid body with one message in it. */
  body(): string;
}

const platforms: Platform[] = [
  {
    name: 'X',
    path: '/webhooks/twitter',
    header: 'x-twitter-webhooks-signature',
    secret: KEYS.appSecret,
    limitBytes: 1024 * 1024,
    sign: (raw, secret = KEYS.appSecret) => xSignature(secret, raw),
    body: () => JSON.stringify(tweetCreateBody(ACCOUNT.id, [{ tweet: x.mention(CITIZEN, `@${ACCOUNT.username} Got mampet di Jl. Cihampelas, air meluap ke rumah warga.`), author: CITIZEN }])),
  },
  {
    name: 'Instagram',
    path: '/webhooks/instagram',
    header: 'x-hub-signature-256',
    secret: IG_SECRET,
    limitBytes: 8 * 1024 * 1024,
    sign: (raw, secret = IG_SECRET) => `sha256=${hmacSha256(secret, raw, 'hex')}`,
    body: () => JSON.stringify(new WebhookFactory(graph, ACCOUNT_ID).comment({ id: '2323232323232301', username: 'warga_ig' }, 'Lampu merah di simpang Dago mati, macet parah setiap pagi.').body),
  },
];

const post = (p: Platform, raw: string, headers: Record<string, string | undefined>) =>
  fetch(`${t.baseUrl}${p.path}`, {
    method: 'POST',
    headers: Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...headers }).filter(([, v]) => v !== undefined)) as Record<string, string>,
    body: raw,
  });

describe.each(platforms)('$name webhook', (p) => {
  const forged: [string, (raw: string) => string | undefined][] = [
    ['no signature', () => undefined],
    ['an empty signature', () => ''],
    ['the prefix alone', () => 'sha256='],
    ['the right digest in the other platform’s encoding', (raw) => `sha256=${hmacSha256(p.secret, raw, p.name === 'X' ? 'hex' : 'base64')}`],
    ['a signature made with another secret', (raw) => p.sign(raw, 'an-attackers-guess-at-the-secret')],
    ['a signature of other bytes', (raw) => p.sign(`${raw} `)],
    ['a signature with sha1= instead of sha256=', (raw) => p.sign(raw).replace('sha256=', 'sha1=')],
    ['the right signature in upper case', (raw) => p.sign(raw).toUpperCase()],
    ['a signature twice its length', (raw) => p.sign(raw) + p.sign(raw).slice(7)],
  ];
  test.each(forged)('refuses %s with 401 and stores nothing', async (_label, forge) => {
    const before = await inboxTotal(t);
    const raw = p.body();
    const res = await post(p, raw, { [p.header]: forge(raw) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('unauthorized');
    expect(await inboxTotal(t)).toBe(before);
  });

  test('a replayed signed body is answered 200 and stores nothing new', async () => {
    const raw = p.body();
    const first = await post(p, raw, { [p.header]: p.sign(raw) });
    expect(first.status).toBe(200);
    const stored = await inboxTotal(t);
    for (let i = 0; i < 3; i++) expect((await post(p, raw, { [p.header]: p.sign(raw) })).status).toBe(200);
    expect(await inboxTotal(t)).toBe(stored);
  });

  test('a signed body that is not JSON, or JSON of another shape, is 400', async () => {
    const before = await inboxTotal(t);
    for (const raw of ['{"entry":', 'null', '[]', '{"__proto__":{"polluted":true}}', '{"for_user_id":{"$gt":""},"object":{"$where":"1"}}']) {
      const res = await post(p, raw, { [p.header]: p.sign(raw) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message.length).toBeGreaterThan(0);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await inboxTotal(t)).toBe(before);
  });

  test('a body over the limit is 413 before its signature is even checked', async () => {
    const before = await inboxTotal(t);
    const raw = ' '.repeat(p.limitBytes + 1);
    const res = await post(p, raw, { [p.header]: p.sign(raw) });
    expect(res.status).toBe(413);
    expect(await inboxTotal(t)).toBe(before);
  });
});

describe('Instagram subscription handshake', () => {
  const verify = (q: Record<string, string>) => fetch(`${t.baseUrl}/webhooks/instagram?${new URLSearchParams(q).toString()}`);

  test.each([
    ['a wrong verify token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'not-the-token', 'hub.challenge': '1158201444' }],
    ['the token with one more character', { 'hub.mode': 'subscribe', 'hub.verify_token': `${VERIFY_TOKEN}x`, 'hub.challenge': '1158201444' }],
    ['no verify token', { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' }],
    ['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' }],
  ])('refuses %s with 403 and never echoes the challenge', async (_label, q) => {
    const res = await verify(q);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('1158201444');
  });

  test('an array verify token (hub.verify_token twice) is refused, not compared as a string', async () => {
    const res = await fetch(`${t.baseUrl}/webhooks/instagram?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`);
    expect(res.status).toBe(403);
  });

  test('the right token echoes the challenge as plain text, not HTML', async () => {
    const res = await verify({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '<script>alert(1)</script>' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('slow-loris clients', () => {
  /** Opens a raw connection, writes `head` and then one byte every `dripMs`; resolves when the server closes it. */
  function drip(head: string, dripMs: number): Promise<{ closedAfterMs: number; response: string }> {
    return new Promise((resolve, reject) => {
      const url = new URL(t.baseUrl);
      const started = Date.now();
      let response = '';
      const socket: Socket = connect(Number(url.port), url.hostname, () => socket.write(head));
      const timer = setInterval(() => {
        if (!socket.destroyed) socket.write('a');
      }, dripMs);
      socket.on('data', (d) => (response += d.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ closedAfterMs: Date.now() - started, response });
      });
      setTimeout(() => {
        clearInterval(timer);
        socket.destroy();
        reject(new Error('the server kept a slow client for 10 s'));
      }, 10_000);
    });
  }

  test('a body sent a byte at a time is cut off at HTTP_REQUEST_TIMEOUT_MS and stores nothing', async () => {
    const before = await inboxTotal(t);
    const raw = platforms[1]!.body();
    const head = `POST /webhooks/instagram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Hub-Signature-256: ${platforms[1]!.sign(raw)}\r\nContent-Length: ${raw.length}\r\n\r\n`;
    const { closedAfterMs, response } = await drip(head, 100);
    expect(closedAfterMs).toBeLessThan(5_000);
    expect(response === '' || /^HTTP\/1\.1 408/.test(response)).toBe(true);
    expect(await inboxTotal(t)).toBe(before);
  });

  test('headers sent a byte at a time are cut off at HTTP_HEADERS_TIMEOUT_MS', async () => {
    const { closedAfterMs } = await drip('POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nX-Slow: ', 100);
    expect(closedAfterMs).toBeLessThan(5_000);
  });
});
