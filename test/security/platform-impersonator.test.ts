import { connect } from 'node:net';
import { crcCheck, directMessageBody, FakeXApi, signature as xSignature } from '../../channels/twitter/fakeXApi';
import { ACCOUNT, CITIZEN, KEYS, twitterEnv } from '../../channels/twitter/testSupport';
import { FakeGraphApi } from '../../channels/instagram/fakeGraphApi/fakeGraphApi';
import { ACCESS_TOKEN, ACCOUNT_ID, APP_SECRET as IG_SECRET, VERIFY_TOKEN } from '../../channels/instagram/testSupport';
import { hmacSha256 } from '../../src/http/webhookSignature';
import { inboxTotal, startTestGateway, type TestGateway } from '../support/testGateway';

/**
 * Actor: someone impersonating a platform. They know the webhook URLs but not the app secrets,
 * and try to get the gateway to take a message as if X or Instagram had sent it, or to hold
 * memory and connections with webhook bodies it never needed to read.
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
    // Long enough that an answer within ANSWER_WITHIN_MS cannot be the server giving up on the body.
    HTTP_REQUEST_TIMEOUT_MS: '30000',
  });
});
afterAll(async () => {
  await t?.stop();
  await x?.stop();
  await graph?.stop();
});

const X_PATH = '/webhooks/twitter';
const IG_PATH = '/webhooks/instagram';
const ANSWER_WITHIN_MS = 3_000;

async function ticketCount(): Promise<number> {
  return (await t.gateway.store.tickets.list({}, 0, 1000)).items.length;
}

describe('forging an X webhook through the CRC endpoint', () => {
  const forgedDm = () => JSON.stringify(directMessageBody(ACCOUNT, CITIZEN, '1900000000000000999', 'Kepala dinas minta uang pelicin, tolong hubungi saya.'));

  it('refuses to sign a crc_token that could be a webhook body', async () => {
    const res = await fetch(`${t.baseUrl}${X_PATH}?crc_token=${encodeURIComponent(forgedDm())}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.response_token).toBeUndefined();
    expect(String(body.message)).toContain('crc_token');
  });

  it('a DM forged with whatever the CRC answered is refused and stores nothing', async () => {
    const before = { inbox: await inboxTotal(t), tickets: await ticketCount() };
    const raw = forgedDm();
    const crc = await fetch(`${t.baseUrl}${X_PATH}?crc_token=${encodeURIComponent(raw)}`);
    const answer = crc.ok ? ((await crc.json()) as { response_token?: string }).response_token : undefined;
    const res = await fetch(`${t.baseUrl}${X_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(answer ? { 'x-twitter-webhooks-signature': answer } : {}) },
      body: raw,
    });
    expect(res.status).toBe(401);
    expect(await inboxTotal(t)).toBe(before.inbox);
    expect(await ticketCount()).toBe(before.tickets);
  });

  it.each([
    ['JSON', '{"for_user_id":"1"}'],
    ['a space', 'abc def'],
    ['a quote', 'abc"def'],
    ['129 characters', 'a'.repeat(129)],
    ['non-ASCII letters', 'tokén'],
  ])('refuses a crc_token with %s', async (_label, token) => {
    const res = await fetch(`${t.baseUrl}${X_PATH}?crc_token=${encodeURIComponent(token)}`);
    expect(res.status).toBe(400);
  });

  it('refuses a crc_token given twice (an array is not a token)', async () => {
    const res = await fetch(`${t.baseUrl}${X_PATH}?crc_token=abc&crc_token=def`);
    expect(res.status).toBe(400);
  });

  it('still answers the tokens X sends (base64 and base64url, up to 128 characters)', async () => {
    expect(await crcCheck(`${t.baseUrl}${X_PATH}`, KEYS.appSecret)).toBe(true);
    for (const token of ['aGVsbG8gd29ybGQ=', 'a+b/c=', 'A-b_C', 'x'.repeat(128)]) {
      const res = await fetch(`${t.baseUrl}${X_PATH}?crc_token=${encodeURIComponent(token)}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { response_token: string }).response_token).toBe(xSignature(KEYS.appSecret, token));
    }
  });

  it('a CRC answer posted as a signed body is not a webhook: 400, nothing stored', async () => {
    const before = await inboxTotal(t);
    const token = 'eyJmb3JfdXNlcl9pZCI6IjEifQ';
    const crc = (await (await fetch(`${t.baseUrl}${X_PATH}?crc_token=${token}`)).json()) as { response_token: string };
    const res = await fetch(`${t.baseUrl}${X_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': crc.response_token }, body: token });
    expect(res.status).toBe(400);
    expect(await inboxTotal(t)).toBe(before);
  });
});

describe('the Instagram handshake is no signing oracle', () => {
  it('echoes nothing without the verify token, and nothing over 256 characters with it', async () => {
    const q = (challenge: string, token = VERIFY_TOKEN) => new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': challenge }).toString();
    const stranger = await fetch(`${t.baseUrl}${IG_PATH}?${q('{"object":"instagram"}', 'guess')}`);
    expect(stranger.status).toBe(403);
    expect(await stranger.text()).not.toContain('instagram');
    expect((await fetch(`${t.baseUrl}${IG_PATH}?${q('1'.repeat(257))}`)).status).toBe(400);
    const meta = await fetch(`${t.baseUrl}${IG_PATH}?${q('1158201444')}`);
    expect(await meta.text()).toBe('1158201444');
  });
});

interface RawAnswer {
  /** The status line and headers, once the server answered. */
  head: string;
  /** Body bytes the client had written when the answer came (the server cannot have read more). */
  bodyBytesSent: number;
}

/**
 * Sends a request's headers and the first `firstChunk` bytes of a body it never finishes, and
 * resolves with the server's answer. The request is left incomplete on purpose: an answer at all
 * proves the server decided without reading the body.
 */
function incompleteRequest(path: string, headers: Record<string, string>, firstChunk: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(t.baseUrl);
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms: the server is waiting for the body`));
    }, ANSWER_WITHIN_MS);
    socket.on('connect', () => {
      const lines = Object.entries({ Host: url.host, ...headers }).map(([k, v]) => `${k}: ${v}`);
      socket.write(`POST ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      socket.write(firstChunk);
    });
    socket.on('data', (d) => {
      received += d.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ head: received.slice(0, end), bodyBytesSent: firstChunk.length });
    });
    socket.on('error', () => undefined);
  });
}

const platforms = [
  {
    name: 'X',
    path: X_PATH,
    header: 'x-twitter-webhooks-signature',
    limitBytes: 1024 * 1024,
    malformed: ['sha256=', 'sha256=not-base64!', `sha256=${hmacSha256(KEYS.appSecret, 'x', 'hex')}`, 'sha1=AAAA'],
  },
  {
    name: 'Instagram',
    path: IG_PATH,
    header: 'x-hub-signature-256',
    limitBytes: 8 * 1024 * 1024,
    malformed: ['sha256=', 'sha256=xyz', `sha256=${hmacSha256(IG_SECRET, 'x', 'base64')}`, `sha256=${'A'.repeat(64)}`],
  },
];

describe.each(platforms)('$name webhook without a valid signature header', (p) => {
  it('is refused with 401 before a byte of a large body is read, and stores nothing', async () => {
    const before = await inboxTotal(t);
    const declared = p.limitBytes - 1;
    const answer = await incompleteRequest(p.path, { 'Content-Type': 'application/json', 'Content-Length': String(declared) }, Buffer.from('{"object":"instagram","entry":['));
    expect(answer.head).toMatch(/^HTTP\/1\.1 401 /);
    // Closed rather than kept alive: the gateway does not drain the unread body either.
    expect(answer.head.toLowerCase()).toContain('connection: close');
    expect(answer.bodyBytesSent).toBeLessThan(declared);
    expect(await inboxTotal(t)).toBe(before);
  });

  it('is refused with 401 while a chunked body is still streaming, and stores nothing', async () => {
    const before = await inboxTotal(t);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const answer = await incompleteRequest(p.path, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
    expect(answer.head).toMatch(/^HTTP\/1\.1 401 /);
    expect(await inboxTotal(t)).toBe(before);
  });

  it.each(p.malformed)('a malformed signature (%s) is refused with 401 before the body is read', async (value) => {
    const answer = await incompleteRequest(p.path, { 'Content-Type': 'application/json', 'Content-Length': '100000', [p.header]: value }, Buffer.from('{'));
    expect(answer.head).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('says why, in the JSON error body', async () => {
    const res = await fetch(`${t.baseUrl}${p.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('unauthorized');
    expect(body.message.toLowerCase()).toContain(p.header);
  });
});
