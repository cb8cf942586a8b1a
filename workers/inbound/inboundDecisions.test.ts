import type { InboundMessageInput } from '../../src/message/inboundMessage';
import { generateTrackingNumber } from '../../src/tickets/trackingNumber';
import { eventually, startTestGateway, type TestGateway } from '../../test/support/testGateway';

/**
 * What the inbound worker decides for each kind of message, seen from outside: the ticket, the
 * review item and the reply text the citizen gets. Messages go in through intake as a free-text
 * channel would hand them over (no form fields), so the Indonesian parser and dedup decide.
 */
describe('inbound decisions', () => {
  let t: TestGateway;
  let n = 0;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.stop();
  });

  function send(sender: string, text: string, extra: Partial<InboundMessageInput> = {}) {
    n += 1;
    return t.gateway.ctx.intake.accept({
      channel: 'mobile',
      externalId: `decision-${n}`,
      sender: { id: sender },
      text,
      receivedAt: new Date(),
      raw: {},
      ...extra,
    });
  }

  async function processed(key: string) {
    return eventually(async () => {
      const r = await t.gateway.store.inbox.get(key);
      return r?.state === 'processed' ? r : null;
    });
  }

  async function replyTo(key: string): Promise<string> {
    const reply = await eventually(() => t.gateway.store.replies.get(`ack:${key}`));
    return reply.text;
  }

  it('files a clear complaint with its place, routes it and forwards it to the agency at once', async () => {
    const a = await send('app:siti', 'Jalan rusak parah dan berlubang besar di Jl. Dago, Kecamatan Coblong, Kota Bandung. Sudah sebulan tidak diperbaiki, sering terjadi kecelakaan motor.');
    const m = await processed(a.key);
    expect(m.decision?.kind).toBe('new_ticket');
    const ticket = await t.gateway.store.tickets.get(a.trackingId);
    expect(ticket).toMatchObject({ category: 'infrastruktur', status: 'diteruskan' });
    expect(ticket?.regionCode?.startsWith('32.73')).toBe(true);
    expect(ticket?.agency).toBeTruthy();
    expect((await t.gateway.store.tickets.history(a.trackingId)).map((h) => h.to)).toEqual(['belum_terverifikasi', 'terverifikasi', 'diteruskan']);
    expect(await replyTo(a.key)).toContain(a.trackingId);
    expect((await t.gateway.store.review.list({ trackingId: a.trackingId }, 0, 10)).total).toBe(0);
  });

  it('gives a resent complaint the first tracking number back instead of a second ticket', async () => {
    const text = 'Lampu penerangan jalan di Jl. Ahmad Yani Kota Surabaya mati total sejak minggu lalu, gelap sekali di malam hari.';
    const first = await send('app:budi', text);
    await processed(first.key);
    const again = await send('app:budi', text);
    const m = await processed(again.key);
    expect(m.decision).toMatchObject({ kind: 'duplicate', trackingId: first.trackingId });
    expect(m.ticketId).toBe(first.trackingId);
    expect(await t.gateway.store.tickets.get(again.trackingId)).toBeNull();
    expect(await replyTo(again.key)).toContain(first.trackingId);
    expect((await t.gateway.store.inbox.listForTicket(first.trackingId)).map((r) => r.key)).toEqual([first.key, again.key]);
    // The resend's own number shows only that it was taken into another report, never that report:
    // whoever holds it may not be that report's citizen (the reply above named it to the sender).
    expect(await t.gateway.ctx.lookup.find(again.trackingId)).toMatchObject({ trackingId: again.trackingId, attached: true, ticket: null, history: [], replies: [] });
  });

  it('answers a status query only to the reporter, and asks to check a mistyped number', async () => {
    const report = await send('app:rina', 'Sampah menumpuk di depan Pasar Minggu Jakarta Selatan sudah seminggu tidak diangkut, bau sekali.');
    await processed(report.key);

    const own = await send('app:rina', `CEK ${report.trackingId}`);
    expect((await processed(own.key)).decision).toMatchObject({ kind: 'status_query', trackingId: report.trackingId });
    expect(await replyTo(own.key)).toMatch(new RegExp(`^Status laporan ${report.trackingId}: `));

    // Someone else asking is told exactly what an unknown number gets: the report's existence stays hidden.
    const stranger = await send('app:someone-else', `status ${report.trackingId}`);
    await processed(stranger.key);
    const unknownNumber = generateTrackingNumber();
    const unknown = await send('app:someone-else', `status ${unknownNumber}`);
    await processed(unknown.key);
    const refused = await replyTo(stranger.key);
    expect(refused).toMatch(/tidak kami temukan/);
    expect(refused.replace(report.trackingId, '<nomor>')).toBe((await replyTo(unknown.key)).replace(unknownNumber, '<nomor>'));

    const digits = report.trackingId;
    const typo = `${digits.slice(0, 9)}${(Number(digits[9]) + 1) % 10}`;
    const mistyped = await send('app:rina', `cek #${typo}`);
    await processed(mistyped.key);
    expect(await replyTo(mistyped.key)).toMatch(/tidak valid\. Mohon periksa kembali/);
  });

  it('sends an SMS that lost parts to operator review, keeping the number the citizen got', async () => {
    const a = await send('app:incomplete', 'Air PDAM di Kelurahan Sukajadi Kota Bandung tidak mengalir sejak tiga hari, warga ', { flags: ['incomplete'] });
    await processed(a.key);
    const ticket = await t.gateway.store.tickets.get(a.trackingId);
    expect(ticket?.status).toBe('belum_terverifikasi');
    const items = await t.gateway.store.review.list({ trackingId: a.trackingId }, 0, 10);
    expect(items.items).toEqual([expect.objectContaining({ reason: 'incomplete_sms', state: 'open', messageKey: a.key })]);
    expect(await replyTo(a.key)).toContain(a.trackingId);
  });

  it('greets back without a ticket, and archives obvious spam without answering it', async () => {
    const hello = await send('app:hello', 'Selamat pagi min, terima kasih');
    expect((await processed(hello.key)).decision?.kind).toBe('greeting');
    expect(await t.gateway.store.tickets.get(hello.trackingId)).toBeNull();
    expect(await replyTo(hello.key)).toMatch(/Terima kasih telah menghubungi/);

    const spam = await send('app:spammer', 'PROMO!!! Pinjaman online cepat cair tanpa jaminan, klik http://bit.ly/xyz sekarang juga, hubungi WA 0812-0000-0000');
    const m = await processed(spam.key);
    expect(m.decision?.kind).toBe('spam');
    expect(await t.gateway.store.replies.get(`ack:${spam.key}`)).toBeNull();
    expect(await t.gateway.store.tickets.get(spam.trackingId)).toMatchObject({ status: 'diarsipkan' });
    expect((await t.gateway.store.tickets.history(spam.trackingId)).at(-1)?.note).toMatch(/^Diarsipkan otomatis: spam/);
  });

  it('keeps a ticket the machine is unsure about for a person, with its reasons', async () => {
    const a = await send('app:vague', 'tolong dibantu pak masalahnya sudah lama');
    const m = await processed(a.key);
    expect(m.decision?.kind).toBe('new_ticket');
    expect((await t.gateway.store.tickets.get(a.trackingId))?.status).toBe('belum_terverifikasi');
    const item = (await t.gateway.store.review.list({ trackingId: a.trackingId }, 0, 10)).items[0];
    expect(item?.reasons.length).toBeGreaterThan(0);
    expect(m.decision?.reviewIds).toEqual([item?.id]);
  });
});

describe('a sender flooding one channel', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ SENDER_FLOOD_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('has every message stored, the excess parked for review and not answered', async () => {
    const texts = [
      'Jalan berlubang besar di Jl. Merdeka Kota Malang, mohon segera diperbaiki.',
      'Lampu penerangan jalan mati di Kecamatan Klojen sejak seminggu.',
      'Sampah menumpuk di pasar Blimbing, baunya menyengat sampai rumah warga.',
      'Air PDAM tidak mengalir tiga hari di Kelurahan Oro-oro Dowo.',
      'Pungutan liar saat mengurus KTP di kantor kelurahan, diminta uang seratus ribu.',
    ];
    const accepted = [];
    for (const [i, text] of texts.entries()) {
      accepted.push(
        await t.gateway.ctx.intake.accept({
          channel: 'mobile',
          externalId: `flood-${i}`,
          sender: { id: 'app:flooder' },
          text,
          receivedAt: new Date(),
          raw: {},
        }),
      );
    }
    expect(accepted.map((a) => a.record.flags)).toEqual([[], [], [], ['flood'], ['flood']]);
    for (const a of accepted) {
      await eventually(async () => (await t.gateway.store.inbox.get(a.key))?.state === 'processed');
    }
    const flood = await t.gateway.store.review.list({ reason: 'flood' }, 0, 10);
    expect(flood.items.map((i) => i.messageKey).sort()).toEqual([accepted[3]?.key, accepted[4]?.key].sort());
    expect(await t.gateway.store.replies.get(`ack:${accepted[4]?.key}`)).toBeNull();
    expect(await t.gateway.store.replies.get(`ack:${accepted[0]?.key}`)).not.toBeNull();
  });
});
