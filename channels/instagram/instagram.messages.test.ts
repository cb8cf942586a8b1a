import { eventually } from '../../test/support/testGateway';
import type { ReviewItem } from '../../src/store/types';
import { statusLabel } from '../../src/tickets/status';
import { ACCESS_TOKEN, APP_SECRET, startInstagramHarness, VERIFY_TOKEN, type InstagramHarness } from './testSupport';

let h: InstagramHarness;
beforeAll(async () => {
  h = await startInstagramHarness();
});
afterAll(async () => {
  await h.stop();
});

async function reviewFor(replyId: string): Promise<ReviewItem> {
  return eventually(() => h.t.gateway.store.review.get(`review:${replyId}:reply_impossible`));
}

describe('a direct message', () => {
  it('becomes a ticket and is answered by DM with the tracking number', async () => {
    const text = 'Selamat siang, sampah di TPS Pasar Kosambi tidak diangkut sudah seminggu dan baunya menyengat.';
    const { body, mid } = h.hooks.dm('1234567890123456', text);
    expect((await h.post(body)).status).toBe(200);
    const ticket = await h.ticketFor(`dm:${mid}`);
    expect(ticket).toMatchObject({ channel: 'instagram', text, reporter: { id: '1234567890123456' } });
    const ack = await h.ackFor(`dm:${mid}`);
    expect(ack).toMatchObject({ status: 'sent' });
    const sent = h.sentTo('1234567890123456');
    expect(sent).toEqual([expect.objectContaining({ kind: 'message', id: ack.providerId })]);
    expect(sent[0]?.text).toContain(ticket.trackingId);
  });

  it('keeps the CDN address of an attached photo without fetching it', async () => {
    const url = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17900000000000009&signature=Zz9';
    const { body, mid } = h.hooks.dm('1234567890123457', 'Ini fotonya, saluran air di Jl. Cihampelas tersumbat.', { attachmentUrl: url });
    expect((await h.post(body)).status).toBe(200);
    const message = await h.message(`dm:${mid}`);
    expect(message?.attachments).toEqual([{ url, contentType: 'image/*' }]);
    expect(JSON.stringify(message?.raw)).not.toContain('lookaside');
  });

  it('gets no DM once the 24-hour window has closed: the reply fails and operators get a review item', async () => {
    const at = Date.now() - 25 * 3_600_000;
    const { body, mid } = h.hooks.dm('1234567890123458', 'Jalan di Kelurahan Cipedes rusak parah, mohon diperbaiki.', { at });
    expect((await h.post(body)).status).toBe(200);
    const ack = await h.ackFor(`dm:${mid}`);
    expect(ack.status).toBe('failed');
    expect(ack.error).toMatch(/24-hour messaging window/);
    expect(h.sentTo('1234567890123458')).toEqual([]);
    const item = await reviewFor(ack.id);
    expect(item).toMatchObject({ reason: 'reply_impossible', channel: 'instagram', state: 'open', messageKey: ack.messageKey, trackingId: ack.trackingId });
  });

  it('opens a review item when Meta itself says the window is closed (error 10/2018278)', async () => {
    const { body, mid } = h.hooks.dm('1234567890123459', 'Air PDAM di Perumnas Sarijadi mati tiga hari.', { openWindow: false });
    expect((await h.post(body)).status).toBe(200);
    const ack = await h.ackFor(`dm:${mid}`);
    expect(ack.status).toBe('failed');
    expect(ack.error).toMatch(/outside its allowed window/);
    expect((await reviewFor(ack.id)).reasons.join(' ')).toMatch(/outside its allowed window/);
  });
});

describe('a confidential report (#rahasia) written as a comment', () => {
  it('is answered once by private reply, never in public; a second reply with no open DM goes to an operator', async () => {
    const person = { id: '2323232323232500', username: 'pelapor_rahasia' };
    const { body, commentId } = h.hooks.comment(person, '#rahasia Ada pungutan liar saat mengurus KTP di Kelurahan Sukaluyu.');
    expect((await h.post(body)).status).toBe(200);
    const ticket = await h.ticketFor(`comment:${commentId}`);
    expect(ticket.privacy).toBe('rahasia');
    const ack = await h.ackFor(`comment:${commentId}`);
    expect(ack.status).toBe('sent');
    const sent = h.sentTo(commentId);
    expect(sent).toEqual([expect.objectContaining({ kind: 'private_reply', id: ack.providerId })]);
    expect(sent[0]?.text).toContain(ticket.trackingId);

    await h.advance(ticket.trackingId, null);
    const second = await eventually(async () => {
      const replies = await h.t.gateway.store.replies.listForTicket(ticket.trackingId);
      return replies.find((r) => r.event === 'status_changed' && r.status !== 'queued');
    });
    expect(second.status).toBe('failed');
    expect(h.sentTo(commentId)).toHaveLength(1);
    expect(h.sentTo(commentId).some((s) => s.kind === 'comment_reply')).toBe(false);
    await reviewFor(second.id);
  });
});

describe('status changes on a public comment', () => {
  it('are told under the comment without the operator note, which may repeat the complaint', async () => {
    const person = { id: '2323232323232501', username: 'warga_antapani' };
    const { body, commentId } = h.hooks.comment(person, 'Jembatan penyeberangan di Antapani retak dan bergoyang.');
    expect((await h.post(body)).status).toBe(200);
    const ticket = await h.ticketFor(`comment:${commentId}`);
    await h.ackFor(`comment:${commentId}`);
    const to = await h.advance(ticket.trackingId, 'Jembatan Antapani sudah dicek petugas Dinas PU.');
    await eventually(async () => h.sentTo(commentId).length === 2);
    const update = h.sentTo(commentId)[1];
    expect(update?.kind).toBe('comment_reply');
    expect(update?.text).toContain(ticket.trackingId);
    expect(update?.text).toContain(statusLabel(to, 'id'));
    expect(update?.text).not.toMatch(/Antapani|Dinas PU|Catatan/);
  });
});

describe('logs', () => {
  it('never carry the access token, the app secret, the verify token or what citizens wrote', () => {
    const all = h.t.logs.join('\n');
    for (const secret of [ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN]) expect(all).not.toContain(secret);
    for (const words of ['TPS Pasar Kosambi', 'pungutan liar', 'Jembatan penyeberangan', 'lookaside.fbsbx.com']) expect(all).not.toContain(words);
  });
});
