import { messageKey } from '../../src/message/inboundMessage';
import { eventually, inboxTotal, type TestGateway } from '../../test/support/testGateway';
import { crcCheck, deliver, directMessageBody, signature, tweetCreateBody, type FakeXApi } from './fakeXApi';
import { ACCOUNT, CITIZEN, KEYS, OTHER_CITIZEN, startFakeXApi, startTwitterGateway, webhookUrl } from './testSupport';

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

const COMPLAINT = 'Lampu jalan di Jl. Dago depan RS Borromeus mati sudah seminggu, rawan begal malam hari.';

async function storedTicketFor(externalId: string) {
  const message = await eventually(async () => {
    const m = await t.gateway.store.inbox.get(messageKey('twitter', externalId));
    return m?.state === 'processed' ? m : null;
  });
  const ticket = await t.gateway.store.tickets.get(message.trackingId);
  return { message, ticket };
}

describe('X webhook: CRC', () => {
  it('answers the challenge with the HMAC of the token under the consumer secret', async () => {
    expect(await crcCheck(webhookUrl(t), KEYS.appSecret)).toBe(true);
    expect(await crcCheck(webhookUrl(t), 'some-other-secret')).toBe(false);
  });

  it('refuses a CRC request without crc_token', async () => {
    const res = await fetch(webhookUrl(t));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('crc_token');
  });
});

describe('X webhook: signed events', () => {
  it('turns a mention into one ticket and one public reply that names only the tracking number', async () => {
    const tweet = x.mention(CITIZEN, `@${ACCOUNT.username} ${COMPLAINT}`);
    const res = await deliver(webhookUrl(t), tweetCreateBody(ACCOUNT.id, [{ tweet, author: CITIZEN }]), KEYS.appSecret);
    expect(res.status).toBe(200);

    const { message, ticket } = await storedTicketFor(tweet.id);
    expect(message.text).toBe(COMPLAINT);
    expect(message.sender).toEqual({ id: CITIZEN.id, handle: CITIZEN.username, name: CITIZEN.name });
    expect(ticket?.channel).toBe('twitter');

    const reply = await eventually(async () => x.posted.find((p) => p.inReplyToTweetId === tweet.id));
    expect(reply.text).toContain(message.trackingId);
    for (const word of ['Lampu', 'Dago', 'Borromeus', 'begal', CITIZEN.username, CITIZEN.name]) expect(reply.text).not.toContain(word);
    const recorded = await eventually(async () => {
      const replies = await t.gateway.store.replies.listForTicket(message.trackingId);
      return replies[0]?.status === 'sent' ? replies[0] : null;
    });
    expect(recorded.providerId).toBe(reply.id);
  });

  it('makes one ticket when X delivers the same body again', async () => {
    const tweet = x.mention(CITIZEN, `@${ACCOUNT.username} Sampah menumpuk di pasar Kosambi, bau sampai ke jalan.`);
    const body = tweetCreateBody(ACCOUNT.id, [{ tweet, author: CITIZEN }]);
    const statuses = await Promise.all([1, 2, 3].map(() => deliver(webhookUrl(t), body, KEYS.appSecret).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200]);
    const { message } = await storedTicketFor(tweet.id);
    await eventually(async () => x.posted.find((p) => p.inReplyToTweetId === tweet.id));
    const tickets = await t.gateway.store.tickets.list({ channel: 'twitter', reporter: CITIZEN.id }, 0, 100);
    expect(tickets.items.filter((k) => k.sourceKey === message.key)).toHaveLength(1);
    expect(x.posted.filter((p) => p.inReplyToTweetId === tweet.id)).toHaveLength(1);
  });

  it('takes the full text of a truncated tweet from extended_tweet.full_text', async () => {
    const long = `@${ACCOUNT.username} Jembatan penghubung Desa Sukamaju dan Desa Sukajaya di Kecamatan Cibeber ambruk sejak banjir Senin lalu, anak-anak sekolah harus memutar sejauh 7 km setiap hari. Mohon segera ditangani.`;
    const tweet = x.mention(CITIZEN, long);
    const body = tweetCreateBody(ACCOUNT.id, [{ tweet, author: CITIZEN }]);
    expect(body.tweet_create_events[0]?.truncated).toBe(true);
    expect((await deliver(webhookUrl(t), body, KEYS.appSecret)).status).toBe(200);
    const { message } = await storedTicketFor(tweet.id);
    expect(message.text).toBe(long.replace(`@${ACCOUNT.username} `, ''));
  });

  it('counts a quote tweet and a reply in a thread that mention us', async () => {
    const original = x.mention(OTHER_CITIZEN, 'Jalan tol macet total');
    const quote = x.mention(CITIZEN, `@${ACCOUNT.username} ini juga terjadi di gerbang Pasteur, sudah 3 jam`, {
      referenced_tweets: [{ type: 'quoted', id: original.id }],
    });
    const threadReply = x.mention(CITIZEN, `@${OTHER_CITIZEN.username} @${ACCOUNT.username} tolong ditindak, pungli di parkiran terminal`, {
      referenced_tweets: [{ type: 'replied_to', id: original.id }],
      in_reply_to_user_id: OTHER_CITIZEN.id,
    });
    const body = tweetCreateBody(ACCOUNT.id, [
      { tweet: quote, author: CITIZEN },
      { tweet: threadReply, author: CITIZEN },
    ]);
    expect((await deliver(webhookUrl(t), body, KEYS.appSecret)).status).toBe(200);
    expect((await storedTicketFor(quote.id)).ticket).not.toBeNull();
    const thread = await storedTicketFor(threadReply.id);
    // The reply chain's leading mentions are not part of the complaint.
    expect(thread.message.text).toBe('tolong ditindak, pungli di parkiran terminal');
  });

  it('ignores our own tweets, retweets and events for other accounts', async () => {
    const before = await inboxTotal(t);
    const own = x.mention(ACCOUNT, `@${CITIZEN.username} @${ACCOUNT.username} Terima kasih, laporan Anda sudah kami terima.`);
    const retweet = x.mention(OTHER_CITIZEN, `RT @${ACCOUNT.username}: Layanan LAPOR! 1708`, { referenced_tweets: [{ type: 'retweeted', id: own.id }] });
    const ownBody = tweetCreateBody(ACCOUNT.id, [{ tweet: own, author: ACCOUNT }]);
    const rtBody = tweetCreateBody(ACCOUNT.id, [{ tweet: retweet, author: OTHER_CITIZEN }]);
    (rtBody.tweet_create_events[0] as Record<string, unknown>).retweeted_status = { id_str: own.id, text: own.text };
    const forOther = x.mention(CITIZEN, `@${ACCOUNT.username} jalan rusak di Cimahi`);
    const otherBody = tweetCreateBody('999999', [{ tweet: forOther, author: CITIZEN }]);
    const ownDm = directMessageBody(ACCOUNT, ACCOUNT, x.newId(), 'balasan kami');
    ownDm.direct_message_events[0]!.message_create.sender_id = ACCOUNT.id;
    const typing = { for_user_id: ACCOUNT.id, direct_message_indicate_typing_events: [{ created_timestamp: '1', sender_id: CITIZEN.id, target: { recipient_id: ACCOUNT.id } }] };

    for (const body of [ownBody, rtBody, otherBody, ownDm, typing]) {
      expect((await deliver(webhookUrl(t), body, KEYS.appSecret)).status).toBe(200);
    }
    expect(await inboxTotal(t)).toBe(before);
  });

  it('answers a DM by DM', async () => {
    const eventId = x.newId();
    // Each test's complaint differs: the same citizen repeating one would be a duplicate of the first ticket.
    const text = 'Pak, ada pungli saat mengurus KTP di kelurahan Sukajadi. Diminta Rp 200.000.';
    const res = await deliver(webhookUrl(t), directMessageBody(ACCOUNT, CITIZEN, eventId, text), KEYS.appSecret);
    expect(res.status).toBe(200);
    const { message, ticket } = await storedTicketFor(`dm:${eventId}`);
    expect(message.text).toBe(text);
    // The citizen chose nothing: a DM report is anonim unless it says #publik.
    expect(ticket?.privacy).toBe('anonim');
    const dm = await eventually(async () => x.dms.find((d) => d.text.includes(message.trackingId)));
    expect(dm.participantId).toBe(CITIZEN.id);
    expect(x.posted.some((p) => p.text.includes(message.trackingId))).toBe(false);
  });

  it('makes a DM that asks for #rahasia a confidential ticket', async () => {
    const eventId = x.newId();
    await deliver(webhookUrl(t), directMessageBody(ACCOUNT, OTHER_CITIZEN, eventId, '#rahasia Kepala desa Sukamulya memotong dana bantuan sosial warga'), KEYS.appSecret);
    const { ticket } = await storedTicketFor(`dm:${eventId}`);
    expect(ticket?.privacy).toBe('rahasia');
  });
});

describe('X webhook: refused bodies', () => {
  const body = () => tweetCreateBody(ACCOUNT.id, [{ tweet: x.mention(CITIZEN, `@${ACCOUNT.username} ${COMPLAINT}`), author: CITIZEN }]);

  it.each([
    ['missing', { sign: false }],
    ['made with another secret', {}],
  ])('refuses a body whose signature is %s with 401 and stores nothing', async (_label, opts) => {
    const before = await inboxTotal(t);
    const res = await deliver(webhookUrl(t), body(), 'not-the-consumer-secret', opts);
    expect(res.status).toBe(401);
    expect(await inboxTotal(t)).toBe(before);
  });

  it('refuses a body changed after signing with 401', async () => {
    const before = await inboxTotal(t);
    const signed = JSON.stringify(body());
    const res = await fetch(webhookUrl(t), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature(KEYS.appSecret, signed) },
      body: signed.replace('Lampu', 'Lampu!'),
    });
    expect(res.status).toBe(401);
    expect(await inboxTotal(t)).toBe(before);
  });

  it('answers malformed JSON with 400 and stores nothing', async () => {
    const before = await inboxTotal(t);
    const res = await deliver(webhookUrl(t), null, KEYS.appSecret, { raw: '{"for_user_id": "1", "tweet_create_events": [' });
    expect(res.status).toBe(400);
    expect(await inboxTotal(t)).toBe(before);
  });

  it('answers a signed body that is not an Account Activity payload with 400', async () => {
    const res = await deliver(webhookUrl(t), { hello: 'world' }, KEYS.appSecret);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('for_user_id');
  });
});
