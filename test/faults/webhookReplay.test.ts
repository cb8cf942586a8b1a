import { messageKey } from '../../src/message/inboundMessage';
import { deliver, FakeXApi, tweetCreateBody, type FakeUser } from '../../channels/twitter/fakeXApi';
import { ACCOUNT, KEYS, twitterEnv } from '../../channels/twitter/testSupport';
import { FakeGraphApi } from '../../channels/instagram/fakeGraphApi/fakeGraphApi';
import { batch, postWebhook, WebhookFactory, type WebhookBody } from '../../channels/instagram/fakeGraphApi/webhooks';
import { ACCESS_TOKEN, ACCOUNT_ID, APP_SECRET as IG_APP_SECRET, VERIFY_TOKEN } from '../../channels/instagram/testSupport';
import { printLedger, settledLedger } from '../support/ledger';
import { faultTest, startFaultRig, until, waitReady, type FaultRig } from './faultHarness';

/**
 * X and Meta deliver webhooks at least once: the same body again minutes or hours later, batches
 * that hold one event twice, and the same delivery arriving on several connections at once. The
 * built gateway (a child process) must make one ticket and send one reply per tweet, comment and
 * DM, counted both in the store and at the fake platforms.
 *
 * "Hours later": the gateway recognises a delivery by channel + platform id, and its fingerprint
 * leaves out arrival time (src/intake/fingerprint.ts), so its own clock plays no part; the fake
 * Graph API's injectable clock is moved 3 h on, so the platform side (the 24-hour DM window) sees
 * the later time when the replays come.
 */
const MENTIONS = 12;
const COMMENTS = 12;
const DMS = 6;
const CONNECTIONS = 4;

let rig: FaultRig | null = null;
let x: FakeXApi | null = null;
let graph: FakeGraphApi | null = null;
afterAll(async () => {
  await rig?.stop();
  await x?.stop();
  await graph?.stop();
});

const citizens = (n: number, base: number): FakeUser[] =>
  Array.from({ length: n }, (_, i) => ({ id: String(1_480_000_000_000_100_000n + BigInt(base + i)), username: `warga_${base + i}`, name: `Warga ${base + i}` }));

const complaint = (i: number, where: string) => `Jembatan gantung di ${where} nomor ${i} putus sebagian, anak sekolah terpaksa memutar ${i + 2} km setiap hari.`;

faultTest('webhooks redelivered in batches, concurrently and hours later: one ticket and one reply each', async () => {
  let clock = Date.now();
  x = await new FakeXApi({ ...KEYS, account: ACCOUNT }).start();
  graph = await new FakeGraphApi({ accountId: ACCOUNT_ID, accessToken: ACCESS_TOKEN, now: () => clock }).start();
  const X = x;
  const g = graph;
  rig = await startFaultRig('replay', {
    ...twitterEnv(X),
    INSTAGRAM_APP_SECRET: IG_APP_SECRET,
    INSTAGRAM_VERIFY_TOKEN: VERIFY_TOKEN,
    INSTAGRAM_ACCESS_TOKEN: ACCESS_TOKEN,
    INSTAGRAM_ACCOUNT_ID: ACCOUNT_ID,
    GRAPH_API_URL: g.url,
  });
  const r = rig;
  r.spawn([]);
  await waitReady(r);
  const hooks = new WebhookFactory(g, ACCOUNT_ID);

  // X: batches of three mentions, each batch also carrying its first mention a second time.
  const xBodies: unknown[] = [];
  const tweetIds: string[] = [];
  const authors = citizens(MENTIONS, 0);
  for (let i = 0; i < MENTIONS; i += 3) {
    const events = authors.slice(i, i + 3).map((author, j) => ({ tweet: X.mention(author, `@${ACCOUNT.username} ${complaint(i + j, 'Desa Sukamaju')}`), author }));
    tweetIds.push(...events.map((e) => e.tweet.id));
    xBodies.push(tweetCreateBody(ACCOUNT.id, [...events, events[0]!]));
  }
  // Instagram: comments and DMs batched three to a body, with one comment repeated inside.
  const igBodies: WebhookBody[] = [];
  const igKeys: string[] = [];
  const commenters = citizens(COMMENTS, 100);
  for (let i = 0; i < COMMENTS; i += 3) {
    const made = commenters.slice(i, i + 3).map((p, j) => hooks.comment({ id: p.id, username: p.username }, complaint(i + j, 'Kampung Baru')));
    igKeys.push(...made.map((m) => messageKey('instagram', `comment:${m.commentId}`)));
    igBodies.push(batch(...made.map((m) => m.body), made[0]!.body));
  }
  const dmSenders = citizens(DMS, 200).map((p) => p.id);
  for (let i = 0; i < DMS; i += 3) {
    const made = dmSenders.slice(i, i + 3).map((id, j) => hooks.dm(id, complaint(i + j, 'Pasar Lama')));
    igKeys.push(...made.map((m) => messageKey('instagram', `dm:${m.mid}`)));
    igBodies.push(batch(...made.map((m) => m.body)));
  }
  const xRaw = xBodies.map((b) => JSON.stringify(b));
  const igRaw = igBodies.map((b) => JSON.stringify(b));

  const deliverAll = async () => {
    const statuses = await Promise.all([
      ...xRaw.flatMap((raw) => Array.from({ length: CONNECTIONS }, () => deliver(`${r.baseUrl}/webhooks/twitter`, null, KEYS.appSecret, { raw }))),
      ...igRaw.flatMap((raw) => Array.from({ length: CONNECTIONS }, () => postWebhook(r.baseUrl, IG_APP_SECRET, raw))),
    ].map(async (p) => {
      const res = await p;
      await res.body?.cancel();
      return res.status;
    }));
    return statuses;
  };

  // Every delivery is answered 200 (a non-2xx would make the platform deliver yet again).
  expect(new Set(await deliverAll())).toEqual(new Set([200]));
  const keys = [...tweetIds.map((id) => messageKey('twitter', id)), ...igKeys];
  const store = await r.store();
  const sendsByKey = () => {
    const m = new Map<string, number>();
    const add = (key: string) => m.set(key, (m.get(key) ?? 0) + 1);
    for (const p of X.posted) if (p.inReplyToTweetId) add(messageKey('twitter', p.inReplyToTweetId));
    for (const s of g.sent) {
      const comment = igKeys.find((k) => k === messageKey('instagram', `comment:${s.target}`));
      if (comment) add(comment);
      const dmIndex = dmSenders.indexOf(s.target);
      const dmKey = dmIndex >= 0 ? igKeys[COMMENTS + dmIndex] : undefined;
      if (dmKey) add(dmKey);
    }
    return m;
  };
  await until(() => X.posted.length >= MENTIONS && g.sent.length >= COMMENTS + DMS, 60_000, 'first replies at the platforms');

  // Minutes later, then hours later (the platform's clock moved on): the same bytes again.
  expect(new Set(await deliverAll())).toEqual(new Set([200]));
  clock += 3 * 3_600_000;
  expect(new Set(await deliverAll())).toEqual(new Set([200]));
  // Long enough for a second reply to have reached the fakes had any replay queued one.
  await new Promise((res) => setTimeout(res, 2_000));

  const [ledger] = printLedger(await settledLedger('webhooks x3 replays x4 connections', store, keys, { platformSendsByKey: sendsByKey(), timeoutMs: 60_000 }));
  const total = MENTIONS + COMMENTS + DMS;
  expect(ledger).toMatchObject({ acknowledged: total, processed: total, tickets: total, replies: total, platformSends: total, differences: 0 });
}, 180_000);
