import { ACCOUNT_ID, startInstagramHarness, VERIFY_TOKEN, type InstagramHarness } from './testSupport';

let h: InstagramHarness;
beforeAll(async () => {
  h = await startInstagramHarness();
});
afterAll(async () => {
  await h.stop();
});

const citizen = { id: '2323232323232323', username: 'warga_cicendo' };

describe('Instagram webhook verification (GET /webhooks/instagram)', () => {
  it('answers the challenge as text when the verify token matches', async () => {
    const q = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    const res = await fetch(`${h.t.baseUrl}/webhooks/instagram?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('1158201444');
  });

  it.each([
    ['a wrong token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-token-lapor1709', 'hub.challenge': '42' }],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '42' }],
    ['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '42' }],
  ])('refuses %s with 403', async (_label, params) => {
    const res = await fetch(`${h.t.baseUrl}/webhooks/instagram?${new URLSearchParams(params)}`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('42');
  });
});

describe('a comment on our post', () => {
  it('becomes a ticket and gets a public reply under it naming only the tracking number', async () => {
    const text = 'Jalan di depan SDN 3 Cicendo berlubang besar sejak dua minggu, sudah dua motor jatuh.';
    const { body, commentId } = h.hooks.comment(citizen, text);
    const res = await h.post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 1, stored: 1 });

    const ticket = await h.ticketFor(`comment:${commentId}`);
    expect(ticket).toMatchObject({ channel: 'instagram', text, reporter: { id: citizen.id, handle: citizen.username } });
    const ack = await h.ackFor(`comment:${commentId}`);
    expect(ack.status).toBe('sent');

    const replies = h.sentTo(commentId);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ kind: 'comment_reply', id: ack.providerId });
    expect(replies[0]?.text).toContain(ticket.trackingId);
    // Nothing of the complaint or the person goes out in public.
    for (const word of ['SDN', 'Cicendo', 'berlubang', 'motor', citizen.username]) expect(replies[0]?.text).not.toContain(word);
    expect(h.graph.requests.every((r) => r.authorized && !('access_token' in r.query))).toBe(true);
  });

  it('reads the flat comment shape of Instagram Login the same way', async () => {
    const text = 'Lampu jalan di Jl. Pasteur mati semua sejak Senin, rawan kecelakaan malam hari.';
    const { body, commentId } = h.hooks.flatComment({ id: '2323232323232324', username: 'ibu_rina_bdg' }, text);
    expect((await h.post(body)).status).toBe(200);
    const ticket = await h.ticketFor(`comment:${commentId}`);
    expect(ticket.text).toBe(text);
    await h.ackFor(`comment:${commentId}`);
    expect(h.sentTo(commentId)[0]?.text).toContain(ticket.trackingId);
  });

  it('skips our own replies, so the gateway never answers itself', async () => {
    const { body, commentId } = h.hooks.comment({ id: ACCOUNT_ID, username: 'lapor1708' }, 'Terima kasih, laporan Anda sudah kami terima.');
    const res = await h.post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 0, skipped: 1 });
    expect(await h.message(`comment:${commentId}`)).toBeNull();
  });
});
