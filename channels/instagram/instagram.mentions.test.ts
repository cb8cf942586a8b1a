import { eventually } from '../../test/support/testGateway';
import { batch } from './fakeGraphApi/webhooks';
import { ACCOUNT_ID, startInstagramHarness, type InstagramHarness } from './testSupport';

// Mention texts are read from GET /{ig-user-id}?fields=mentioned_comment…
const ACCOUNT_PATH = new RegExp(`^/${ACCOUNT_ID}$`);

let h: InstagramHarness;
beforeAll(async () => {
  h = await startInstagramHarness();
});
afterAll(async () => {
  await h.stop();
});

async function readyz(): Promise<{ channels: { instagram: { token: string; error: string | null } } }> {
  return (await (await fetch(`${h.t.baseUrl}/readyz`)).json()) as { channels: { instagram: { token: string; error: string | null } } };
}

describe('an @mention in a comment elsewhere (ids only)', () => {
  it('has its text fetched, becomes a ticket and gets a public reply through /mentions', async () => {
    const text = '@lapor1708 Pasar Ciroyom becek dan sampah menumpuk di lorong blok C.';
    const { body, commentId, mediaId } = h.hooks.mention({ id: '5550000000000001', username: 'pedagang_ciroyom' }, text);
    expect(JSON.stringify(body)).not.toContain('Ciroyom');
    const res = await h.post(body);
    expect(res.status).toBe(200);
    const ticket = await h.ticketFor(`comment:${commentId}`);
    expect(ticket).toMatchObject({ text, reporter: { id: '5550000000000001', handle: 'pedagang_ciroyom' } });
    const ack = await h.ackFor(`comment:${commentId}`);
    expect(ack.status).toBe('sent');
    const sent = h.sentTo(commentId);
    expect(sent).toEqual([expect.objectContaining({ kind: 'mention_reply', id: ack.providerId })]);
    expect(sent[0]?.text).toContain(ticket.trackingId);
    expect(sent[0]?.text).not.toMatch(/Ciroyom|sampah/);
    const call = h.graph.requests.find((r) => r.path.endsWith('/mentions'));
    expect(call?.query).toMatchObject({ comment_id: commentId, media_id: mediaId });
  });

  it('is refused with 503 while its text cannot be fetched, and stored when Meta redelivers', async () => {
    const { body, commentId } = h.hooks.mention({ id: '5550000000000002', username: 'warga_ciroyom' }, '@lapor1708 Lampu PJU di Jl. Ciroyom padam.');
    h.graph.failNext('server_error', ACCOUNT_PATH);
    const refused = await h.post(body);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect(await h.message(`comment:${commentId}`)).toBeNull();

    const redelivered = await h.post(body);
    expect(redelivered.status).toBe(200);
    expect((await h.ticketFor(`comment:${commentId}`)).text).toBe('@lapor1708 Lampu PJU di Jl. Ciroyom padam.');
  });

  it('does not hold back the rest of its batch: the others are stored, the body is refused until the mention can be read', async () => {
    const mention = h.hooks.mention({ id: '5550000000000005', username: 'warga_batch' }, '@lapor1708 Jalan Cibadak rusak.');
    const comment = h.hooks.comment({ id: '5550000000000006', username: 'warga_batch2' }, 'Pasar Cibadak kumuh dan becek.');
    const body = batch(mention.body, comment.body);
    h.graph.failNext('server_error', ACCOUNT_PATH);
    expect((await h.post(body)).status).toBe(503);
    expect(await h.message(`comment:${mention.commentId}`)).toBeNull();
    const stored = await h.message(`comment:${comment.commentId}`);
    expect(stored).not.toBeNull();

    const again = await h.post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: 1, redelivered: 1 });
    await h.ticketFor(`comment:${mention.commentId}`);
  });

  it('is kept, flagged incomplete, when the comment can no longer be read (deleted)', async () => {
    const { body, commentId } = h.hooks.mention({ id: '5550000000000003', username: 'hapus_komen' }, '@lapor1708 tolong');
    h.graph.comments.delete(commentId);
    const res = await h.post(body);
    expect(res.status).toBe(200);
    const message = await h.message(`comment:${commentId}`);
    expect(message).toMatchObject({ text: '', flags: ['incomplete'] });
    await eventually(async () => {
      const items = await h.t.gateway.store.review.list({ channel: 'instagram' }, 0, 100);
      return items.items.some((i) => i.messageKey === message?.key);
    });
  });
});

describe('an @mention in the caption of someone else\'s post', () => {
  it('has its caption fetched, becomes a ticket and gets a reply on that post', async () => {
    const caption = 'Banjir lagi di Jl. Pagarsih, @lapor1708 mohon normalisasi saluran.';
    const { body, mediaId } = h.hooks.captionMention('warga_pagarsih', caption);
    expect((await h.post(body)).status).toBe(200);
    const ticket = await h.ticketFor(`media:${mediaId}`);
    expect(ticket).toMatchObject({ text: caption, reporter: { handle: 'warga_pagarsih' } });
    expect((await h.ackFor(`media:${mediaId}`)).status).toBe('sent');
    expect(h.sentTo(mediaId)).toEqual([expect.objectContaining({ kind: 'mention_reply' })]);
    expect(h.sentTo(mediaId)[0]?.text).toContain(ticket.trackingId);
  });
});

describe('an expired access token (code 190)', () => {
  it('shows in /readyz, keeps the webhook unacknowledged, and clears once the Graph API accepts the token again', async () => {
    const { body, commentId } = h.hooks.mention({ id: '5550000000000004', username: 'warga_token' }, '@lapor1708 Halte rusak di Jl. Pajajaran.');
    h.graph.failNext('token_expired', ACCOUNT_PATH);
    expect((await h.post(body)).status).toBe(503);
    expect((await readyz()).channels.instagram).toMatchObject({ token: 'expired', error: expect.stringMatching(/Session has expired/) });

    expect((await h.post(body)).status).toBe(200);
    await h.ticketFor(`comment:${commentId}`);
    expect((await readyz()).channels.instagram.token).toBe('ok');
  });
});
