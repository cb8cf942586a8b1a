import { messageKey } from '../../src/message/inboundMessage';
import { eventually, type TestGateway } from '../../test/support/testGateway';
import { deliver, tweetCreateBody, type FakeXApi, type FakeUser } from './fakeXApi';
import { ACCOUNT, CITIZEN, KEYS, OTHER_CITIZEN, startFakeXApi, startTwitterGateway, webhookUrl } from './testSupport';
import { weightedLength } from './weightedLength';

let x: FakeXApi;
let t: TestGateway;
beforeAll(async () => {
  x = await startFakeXApi();
  t = await startTwitterGateway(x);
});
afterAll(async () => {
  await t?.stop();
  await x?.stop();
});

/** A citizen mentions us through the webhook; resolves once the message became a ticket. */
async function mentionBy(author: FakeUser, text: string) {
  const tweet = x.mention(author, `@${ACCOUNT.username} ${text}`);
  const res = await deliver(webhookUrl(t), tweetCreateBody(ACCOUNT.id, [{ tweet, author }]), KEYS.appSecret);
  expect(res.status).toBe(200);
  const message = await eventually(async () => {
    const m = await t.gateway.store.inbox.get(messageKey('twitter', tweet.id));
    return m?.state === 'processed' ? m : null;
  });
  return { tweet, message };
}

const replyTo = (tweetId: string) => eventually(async () => x.posted.find((p) => p.inReplyToTweetId === tweetId));
const readyz = async () => ((await (await fetch(`${t.baseUrl}/readyz`)).json()) as { channels: { twitter: { state: string; error?: string } } }).channels.twitter;

describe('X replies', () => {
  it('answers a #rahasia mention by DM, never in public', async () => {
    const { tweet, message } = await mentionBy(CITIZEN, '#rahasia Oknum petugas meminta uang pelicin di kantor imigrasi');
    expect((await t.gateway.store.tickets.get(message.trackingId))?.privacy).toBe('rahasia');
    const dm = await eventually(async () => x.dms.find((d) => d.text.includes(message.trackingId)));
    expect(dm.participantId).toBe(CITIZEN.id);
    expect(x.posted.some((p) => p.inReplyToTweetId === tweet.id || p.text.includes(message.trackingId))).toBe(false);
  });

  it('waits out a 429 until x-rate-limit-reset without losing the reply', async () => {
    x.failNext('tweets', { kind: 'rate_limit', resetInSeconds: 2 });
    const { tweet } = await mentionBy(CITIZEN, 'Halte bus Trans Metro rusak di Jl. Asia Afrika');
    const reply = await replyTo(tweet.id);
    const limited = x.requests.find((r) => r.path === '/2/tweets' && r.status === 429)!;
    // Sent after the window reset (whole seconds on X's side), with no attempts inside it.
    expect(reply.at.getTime() - limited.at.getTime()).toBeGreaterThanOrEqual(1000);
    const between = x.requests.filter((r) => r.path === '/2/tweets' && r.at > limited.at && r.at < reply.at);
    expect(between).toHaveLength(0);
  });

  it('retries a 5xx', async () => {
    x.failNext('tweets', { kind: 'server_error' });
    const { tweet, message } = await mentionBy(OTHER_CITIZEN, 'Sinyal lampu perlintasan kereta di Kiaracondong mati');
    expect((await replyTo(tweet.id)).text).toContain(message.trackingId);
  });

  it('makes a reply X refuses as duplicate content unique with a reference, once', async () => {
    // Two empty mentions get the same generic answer; X refuses the second as a duplicate.
    const first = await mentionBy(CITIZEN, '');
    const firstReply = await replyTo(first.tweet.id);
    const second = await mentionBy(OTHER_CITIZEN, '');
    const secondReply = await replyTo(second.tweet.id);
    expect(secondReply.text).not.toBe(firstReply.text);
    expect(secondReply.text.startsWith(firstReply.text.replace(/…$/, '').slice(0, 40))).toBe(true);
    expect(secondReply.text).toMatch(/\[[0-9a-f]{8}\]$/);
    expect(x.requests.filter((r) => r.path === '/2/tweets' && r.status === 403).length).toBeGreaterThanOrEqual(1);
  });

  it('marks the channel unhealthy in /readyz on 401 and healthy again after a good send', async () => {
    // A revoked token keeps failing until someone fixes it; here for five attempts (backoff 50 ms doubling).
    for (let i = 0; i < 5; i++) x.failNext('tweets', { kind: 'unauthorized' });
    const { tweet } = await mentionBy(CITIZEN, 'Antrean BPJS di RSUD sangat panjang, loket cuma satu');
    await eventually(async () => ((await readyz()).state === 'unhealthy' ? true : null));
    expect((await readyz()).error).toContain('401');
    // Once the credentials work again the next attempt goes through and clears the mark.
    await replyTo(tweet.id);
    await eventually(async () => ((await readyz()).state === 'ok' ? true : null));
    // Credentials never reach the logs.
    const logs = t.logs.join('\n');
    for (const secret of Object.values(KEYS)) expect(logs).not.toContain(secret);
  });

  it('keeps a status change with a long operator note within 280 weighted characters', async () => {
    const { tweet, message } = await mentionBy(CITIZEN, 'Saluran air tersumbat di perumahan Antapani');
    await replyTo(tweet.id);
    const note = `Mohon kirim foto lokasi 📷 dan patokan terdekat. ${'詳細をお願いします。'.repeat(20)}`;
    await t.gateway.statuses.change({ trackingId: message.trackingId, to: 'tunda', actor: 'operator:test', note }, new Date());
    const update = await eventually(async () => x.posted.find((p) => p.inReplyToTweetId === tweet.id && p.text.includes('Tunda')));
    expect(weightedLength(update.text)).toBeLessThanOrEqual(280);
    expect(update.text).toContain(message.trackingId);
  });
});
