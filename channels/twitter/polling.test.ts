import { messageKey } from '../../src/message/inboundMessage';
import { startRedisServer, type RedisServerHandle } from '../../src/redis/redisServer';
import { eventually, inboxTotal, type TestGateway } from '../../test/support/testGateway';
import { deliver, tweetCreateBody, type FakeXApi } from './fakeXApi';
import { ACCOUNT, CITIZEN, KEYS, OTHER_CITIZEN, startFakeXApi, startTwitterGateway, webhookUrl } from './testSupport';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let x: FakeXApi;
let redis: RedisServerHandle;
let redisDir: string;
beforeAll(async () => {
  // Two mentions a page, so three mentions take two pages.
  x = await startFakeXApi(2);
  redisDir = mkdtempSync(join(tmpdir(), 'twitter-poll-redis-'));
  // One Redis for the gateways below, so a restarted gateway finds the checkpoint the last one left.
  redis = await startRedisServer({ dir: redisDir });
});
afterAll(async () => {
  await redis?.stop();
  await x?.stop();
  rmSync(redisDir, { recursive: true, force: true });
});

const polling = (more: Record<string, string> = {}) => startTwitterGateway(x, { TWITTER_POLL_SECONDS: '1', REDIS_URL: redis.url, ...more });
const stored = (t: TestGateway, tweetId: string) => t.gateway.store.inbox.get(messageKey('twitter', tweetId));

describe('X mentions by polling', () => {
  // One gateway for the tests in this block (a gateway takes seconds to start); they run in order.
  let t: TestGateway;
  afterAll(async () => {
    await t?.stop();
  });

  it('stores every mention across pages, answers each in public, and then asks only for newer ones', async () => {
    const complaint = 'Pipa PDAM bocor di Jl. Riau sejak kemarin, air terbuang percuma.';
    const tweets = [
      x.mention(CITIZEN, `@${ACCOUNT.username} ${complaint}`),
      x.mention(OTHER_CITIZEN, `@${ACCOUNT.username} Trotoar di Jl. Braga rusak`),
      x.mention(CITIZEN, `@${ACCOUNT.username} Angkot ngetem sembarangan di Cicaheum`),
    ];
    t = await polling();
    for (const tweet of tweets) await eventually(() => stored(t, tweet.id));
    const first = (await stored(t, tweets[0]!.id))!;
    expect(first.text).toBe(complaint);
    expect(first.sender).toEqual({ id: CITIZEN.id, handle: CITIZEN.username, name: CITIZEN.name });
    // Three mentions at two a page: the second request carried the first page's next_token.
    expect(x.mentionQueries.some((q) => q.pagination_token !== undefined)).toBe(true);
    expect(x.mentionQueries[0]).toMatchObject({ expansions: 'author_id', max_results: '100' });
    expect(x.mentionQueries[0]?.['tweet.fields']).toContain('conversation_id');

    const reply = await eventually(async () => x.posted.find((p) => p.inReplyToTweetId === tweets[0]!.id));
    const message = await eventually(async () => {
      const m = await stored(t, tweets[0]!.id);
      return m?.state === 'processed' ? m : null;
    });
    expect(reply.text).toContain(message.trackingId);
    expect(reply.text).not.toMatch(/PDAM|Riau|bocor/);

    // Later polls carry the newest id as since_id.
    await eventually(async () => x.mentionQueries.at(-1)?.since_id === tweets[2]!.id);
    expect(await inboxTotal(t)).toBe(3);
  });

  it('makes one ticket of a tweet that arrives by both webhook and polling', async () => {
    const tweet = x.mention(CITIZEN, `@${ACCOUNT.username} Parkir liar di depan Gedung Sate setiap Minggu`);
    const res = await deliver(webhookUrl(t), tweetCreateBody(ACCOUNT.id, [{ tweet, author: CITIZEN }]), KEYS.appSecret);
    expect(res.status).toBe(200);
    await eventually(async () => x.mentionQueries.at(-1)?.since_id === tweet.id);
    const message = await eventually(async () => {
      const m = await stored(t, tweet.id);
      return m?.state === 'processed' ? m : null;
    });
    await eventually(async () => x.posted.find((p) => p.inReplyToTweetId === tweet.id));
    const tickets = await t.gateway.store.tickets.list({ channel: 'twitter' }, 0, 100);
    expect(tickets.items.filter((k) => k.sourceKey === message.key)).toHaveLength(1);
    expect(x.posted.filter((p) => p.inReplyToTweetId === tweet.id)).toHaveLength(1);
  });

  it('waits until x-rate-limit-reset after a 429, then catches up', async () => {
    await eventually(async () => x.mentionQueries.length > 0);
    x.failNext('mentions', { kind: 'rate_limit', resetInSeconds: 3 });
    const limitedAt = await eventually(async () => x.requests.find((r) => r.path.endsWith('/mentions') && r.status === 429)?.at);
    const tweet = x.mention(CITIZEN, `@${ACCOUNT.username} Lubang galian kabel tidak ditutup di Jl. Ahmad Yani`);
    await eventually(() => stored(t, tweet.id), 15_000);
    const mentionRequests = x.requests.filter((r) => r.path.endsWith('/mentions'));
    const afterLimit = mentionRequests.filter((r) => r.at > limitedAt);
    // Polls due inside the window were skipped, not sent: the first request after the 429 came after the reset.
    expect(afterLimit[0]!.at.getTime() - limitedAt.getTime()).toBeGreaterThanOrEqual(2000);
    const health = (await (await fetch(`${t.baseUrl}/readyz`)).json()) as { channels: { twitter: { pollingEverySeconds: number } } };
    expect(health.channels.twitter.pollingEverySeconds).toBe(1);
  });
});

describe('X mentions by polling across a restart', () => {
  let t: TestGateway;
  afterAll(async () => {
    await t?.stop();
  });

  it('neither repeats nor misses mentions across a restart', async () => {
    t = await polling();
    const before = x.mention(CITIZEN, `@${ACCOUNT.username} Pohon tumbang menutup Jl. Cipaganti`);
    await eventually(() => stored(t, before.id));
    await t.stop();

    const whileDown = x.mention(OTHER_CITIZEN, `@${ACCOUNT.username} Banjir setinggi lutut di Gedebage`);
    const queriesBefore = x.mentionQueries.length;
    t = await polling();
    await eventually(() => stored(t, whileDown.id));
    // The new gateway has a fresh store: had it fetched from the beginning, the older mention would be here too.
    expect(await stored(t, before.id)).toBeNull();
    expect(x.mentionQueries[queriesBefore]?.since_id).toBe(before.id);
  });
});
