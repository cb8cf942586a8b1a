import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messagesFromMentions, messagesFromWebhook } from './inboundMessages';
import { MentionsPage } from './mentionsPage';
import { ActivityPayload } from './webhookPayload';

const OUR_ID = '1480000000000000001';
const NOW = new Date('2026-11-23T04:00:00Z');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

describe('Account Activity payloads → messages', () => {
  it.each([
    ['mention-tweet-create-event.json', [['1860000000000000001', 'Lampu jalan di Jl. Dago depan RS Borromeus mati sudah seminggu & rawan begal.']]],
    [
      'mention-truncated-extended-tweet.json',
      [['1860000000000000002', 'Jembatan penghubung Desa Sukamaju dan Desa Sukajaya di Kecamatan Cibeber ambruk sejak banjir Senin lalu, anak-anak sekolah harus memutar sejauh 7 km setiap hari. Mohon segera ditangani.']],
    ],
    ['quote-tweet-mention.json', [['1860000000000000003', 'ini juga terjadi di gerbang tol Pasteur, sudah 3 jam https://t.co/q1w2e3r4t5']]],
    ['thread-reply-mentioning-us.json', [['1860000000000000004', 'tolong ditindak, pungli di parkiran terminal Leuwipanjang']]],
    ['direct-message-received.json', [['dm:1860000000000000010', 'Pak, ada pungli saat mengurus KTP di kelurahan Sukajadi. Diminta Rp 200.000.']]],
    ['own-reply-tweet.json', []],
    ['retweet-of-our-tweet.json', []],
    ['mention-for-another-account.json', []],
    ['direct-message-sent-by-us.json', []],
    ['favorite-event.json', []],
  ])('%s', (name, expected) => {
    const payload = ActivityPayload.parse(fixture(name));
    const messages = messagesFromWebhook(payload, OUR_ID, NOW);
    expect(messages.map((m) => [m.externalId, m.text])).toEqual(expected);
    for (const m of messages) {
      expect(m.channel).toBe('twitter');
      expect(m.sender.id).toBe('1480000000000000101');
      expect(m.sender.handle).toBe('warga_bandung');
      // The raw copy is a pointer, not the payload.
      expect(JSON.stringify(m.raw).length).toBeLessThan(200);
    }
  });

  it('reads the v1.1 created_at as the time received', () => {
    const [m] = messagesFromWebhook(ActivityPayload.parse(fixture('mention-tweet-create-event.json')), OUR_ID, NOW);
    expect(m?.receivedAt).toEqual(new Date('2026-11-23T03:15:42Z'));
  });

  it('marks a DM confidential only when the citizen writes #rahasia', () => {
    const body = fixture('direct-message-received.json') as { direct_message_events: { message_create: { message_data: { text: string } } }[] };
    expect(messagesFromWebhook(ActivityPayload.parse(body), OUR_ID, NOW)[0]?.fields).toBeUndefined();
    body.direct_message_events[0]!.message_create.message_data.text = 'Mohon #RAHASIA: kepala desa menyelewengkan dana BLT';
    expect(messagesFromWebhook(ActivityPayload.parse(body), OUR_ID, NOW)[0]?.fields).toEqual({ privacy: 'rahasia' });
  });
});

describe('GET /2/users/:id/mentions page → messages', () => {
  it('keeps mentions by others, oldest first, and drops our own tweets and retweets', () => {
    const messages = messagesFromMentions(MentionsPage.parse(fixture('mentions-page-v2.json')), OUR_ID, NOW);
    expect(messages.map((m) => [m.externalId, m.text, m.sender.handle])).toEqual([
      ['1860000000000000018', 'Lampu jalan di Jl. Dago depan RS Borromeus mati sudah seminggu & rawan begal.', 'warga_bandung'],
      ['1860000000000000021', 'Jalan Soekarno-Hatta berlubang di depan Metro Indah Mall', 'budi_medan'],
    ]);
  });

  it('renders a tweet exactly as the webhook does, so both paths agree on one message', () => {
    const [fromPoll] = messagesFromMentions(MentionsPage.parse(fixture('mentions-page-v2.json')), OUR_ID, NOW);
    const [fromHook] = messagesFromWebhook(ActivityPayload.parse(fixture('mention-tweet-create-event.json')), OUR_ID, NOW);
    expect(fromPoll?.text).toBe(fromHook?.text);
    expect(fromPoll?.sender).toEqual(fromHook?.sender);
  });

  it('accepts the empty page X sends when nothing is new', () => {
    expect(messagesFromMentions(MentionsPage.parse({ meta: { result_count: 0 } }), OUR_ID, NOW)).toEqual([]);
  });
});
