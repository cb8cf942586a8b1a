import { eventually, startTestGateway, type TestGateway } from '../support/testGateway';
import { ConsoleClient, createOperator, seedReviewItem } from './consoleSupport';

/*
 * The review queue over HTTP against a whole gateway: each LAPOR! verification action changes
 * the ticket, closes the item, is audited, and answers the citizen (or, for spam, does not).
 */

const AGENCY = 'pemkot-32.73';

describe('console review queue over HTTP', () => {
  let t: TestGateway;
  let verifier: ConsoleClient;
  let email: string;

  beforeAll(async () => {
    t = await startTestGateway();
    const user = await createOperator(t.gateway.store, 'verifier');
    email = user.email;
    verifier = new ConsoleClient(t.baseUrl);
    const res = await verifier.login(email);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/review');
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function act(reviewId: string, action: string, form: Record<string, string>): Promise<Response> {
    return verifier.post(`/console/review/${encodeURIComponent(reviewId)}/${action}`, { _csrf: await verifier.csrf(), ...form });
  }

  async function repliesOf(trackingId: string) {
    return t.gateway.store.replies.listForTicket(trackingId);
  }

  test('Verifikasi edits the ticket, forwards it, tells the citizen once, resolves and audits', async () => {
    const s = await seedReviewItem(t.gateway.store, { reason: 'unroutable', regionCode: '32.73' });
    const page = await (await verifier.get('/console/review')).text();
    expect(page).toContain(encodeURIComponent(s.reviewId));

    const res = await act(s.reviewId, 'verifikasi', {
      title: 'Jalan berlubang depan SDN 3',
      category: 'infrastruktur',
      location: 'Jl. Merdeka, Kota Bandung',
      regionCode: '32.73',
      agency: AGENCY,
    });
    expect(res.status).toBe(303);

    const ticket = await t.gateway.store.tickets.get(s.trackingId);
    expect(ticket).toMatchObject({ status: 'diteruskan', title: 'Jalan berlubang depan SDN 3', agency: AGENCY, regionCode: '32.73', location: 'Jl. Merdeka, Kota Bandung' });
    expect((await t.gateway.store.tickets.history(s.trackingId)).map((h) => h.to)).toEqual(['belum_terverifikasi', 'terverifikasi', 'diteruskan']);
    const replies = await repliesOf(s.trackingId);
    expect(replies.map((r) => r.event)).toEqual(['status_changed']);
    expect(replies[0]?.text).toContain('Diteruskan');
    expect(await t.gateway.store.review.get(s.reviewId)).toMatchObject({ state: 'resolved', resolution: 'verifikasi', resolvedBy: `operator:${email}` });
    const audit = await t.gateway.store.audit.list({ target: `review:${s.reviewId}` }, 0, 10);
    expect(audit.items[0]).toMatchObject({ action: 'review.verifikasi', before: { ticket: { status: 'belum_terverifikasi', agency: null } }, after: { ticket: { status: 'diteruskan', agency: AGENCY } } });
    // The web channel's outbound worker sends it: the delivery status moves on.
    await eventually(async () => (await repliesOf(s.trackingId))[0]?.status !== 'queued');
  });

  test('Tunda sends the question; Bukan Wewenang sends where to go', async () => {
    const a = await seedReviewItem(t.gateway.store);
    expect((await act(a.reviewId, 'tunda', { note: 'Mohon sebutkan nama jalan dan kelurahannya.' })).status).toBe(303);
    expect((await t.gateway.store.tickets.get(a.trackingId))?.status).toBe('tunda');
    expect((await repliesOf(a.trackingId))[0]?.text).toContain('Mohon sebutkan nama jalan dan kelurahannya.');

    const b = await seedReviewItem(t.gateway.store);
    expect((await act(b.reviewId, 'bukan-wewenang', { note: 'Silakan sampaikan ke kantor desa setempat.' })).status).toBe(303);
    expect((await t.gateway.store.tickets.get(b.trackingId))?.status).toBe('bukan_wewenang');
    expect((await repliesOf(b.trackingId))[0]?.text).toContain('Silakan sampaikan ke kantor desa setempat.');
  });

  test('Arsipkan as spam sends nothing; unintelligible tells the citizen', async () => {
    const spam = await seedReviewItem(t.gateway.store, { reason: 'possible_spam', text: 'PROMO PINJOL cair 5 menit klik bit.ly/xx' });
    expect((await act(spam.reviewId, 'arsipkan', { reason: 'spam' })).status).toBe(303);
    expect((await t.gateway.store.tickets.get(spam.trackingId))?.status).toBe('diarsipkan');
    expect(await repliesOf(spam.trackingId)).toEqual([]);

    const vague = await seedReviewItem(t.gateway.store, { text: 'itu loh pak yg kemarin' });
    expect((await act(vague.reviewId, 'arsipkan', { reason: 'tidak_jelas' })).status).toBe(303);
    expect((await repliesOf(vague.trackingId))[0]?.text).toContain('tidak dapat dipahami');
  });

  test('attach as duplicate archives silently and answers with the earlier number', async () => {
    // The seeds share one sender id on one channel: a sender the channel vouches for, so naming the number is safe.
    const earlier = await seedReviewItem(t.gateway.store);
    const again = await seedReviewItem(t.gateway.store, { reason: 'possible_duplicate', suggestion: { duplicateOf: earlier.trackingId, similarity: 0.83 } });
    const itemPage = await (await verifier.get(`/console/review/${encodeURIComponent(again.reviewId)}`)).text();
    expect(itemPage).toContain(earlier.trackingId);

    expect((await act(again.reviewId, 'lampirkan', { target: earlier.trackingId, kind: 'duplicate' })).status).toBe(303);
    const ticket = await t.gateway.store.tickets.get(again.trackingId);
    expect(ticket).toMatchObject({ status: 'diarsipkan', duplicateOf: earlier.trackingId });
    const history = await t.gateway.store.tickets.history(again.trackingId);
    expect(history.at(-1)?.note).toBe(`Duplikat dari ${earlier.trackingId}`);
    const replies = await repliesOf(again.trackingId);
    expect(replies.map((r) => [r.id, r.event])).toEqual([[`console:${again.reviewId}:attach_duplicate`, 'duplicate_received']]);
    expect(replies[0]?.text).toContain(earlier.trackingId);
    const dups = await t.gateway.store.tickets.list({ duplicateOf: earlier.trackingId }, 0, 10);
    expect(dups.items.map((d) => d.trackingId)).toEqual([again.trackingId]);
  });

  test('attach of a report linked only by a typed phone names neither the earlier number nor its ticket to the sender', async () => {
    const earlier = await seedReviewItem(t.gateway.store, { channel: 'web', sender: { id: 'web:form-a', name: 'Siti', phone: '+6281234500002' } });
    const claim = await seedReviewItem(t.gateway.store, {
      channel: 'mobile',
      sender: { id: 'app:key-b', phone: '+6281234500002' },
      reason: 'possible_duplicate',
      suggestion: { duplicateOf: earlier.trackingId, similarity: 0.7 },
    });
    expect((await act(claim.reviewId, 'lampirkan', { target: earlier.trackingId, kind: 'followup' })).status).toBe(303);
    // The operator's link is kept; the sender reads only about their own report.
    expect(await t.gateway.store.tickets.get(claim.trackingId)).toMatchObject({ status: 'diarsipkan', duplicateOf: earlier.trackingId });
    const history = await t.gateway.store.tickets.history(claim.trackingId);
    expect(history.at(-1)?.note).not.toContain(earlier.trackingId);
    const replies = await repliesOf(claim.trackingId);
    expect(replies.map((r) => r.event)).toEqual(['report_noted']);
    expect(replies[0]?.text).toContain(claim.trackingId);
    expect(replies[0]?.text).not.toContain(earlier.trackingId);
  });

  test('link to a case gives both tickets one case id that does not show either number, and keeps the item open', async () => {
    const first = await seedReviewItem(t.gateway.store);
    const second = await seedReviewItem(t.gateway.store);
    expect((await act(second.reviewId, 'kasus', { target: first.trackingId })).status).toBe(303);
    const caseId = (await t.gateway.store.tickets.get(first.trackingId))?.caseId;
    expect(caseId).toMatch(/^K-[0-9A-F]{16}$/);
    expect(caseId).not.toContain(first.trackingId);
    expect((await t.gateway.store.tickets.get(second.trackingId))?.caseId).toBe(caseId);
    expect((await t.gateway.store.review.get(second.reviewId))?.state).toBe('open');
  });

  test('a reply_impossible item is marked handled with a note', async () => {
    const s = await seedReviewItem(t.gateway.store, { reason: 'reply_impossible' });
    expect((await act(s.reviewId, 'handled', { note: 'Nomor tidak aktif; dicoba via email.' })).status).toBe(303);
    expect(await t.gateway.store.review.get(s.reviewId)).toMatchObject({ state: 'resolved', resolution: 'handled' });
    const audit = await t.gateway.store.audit.list({ target: `review:${s.reviewId}` }, 0, 1);
    expect(audit.items[0]).toMatchObject({ action: 'review.handled', after: { note: 'Nomor tidak aktif; dicoba via email.' } });
  });

  test('bad input changes nothing: unknown agency, short question, self-attach, second resolver', async () => {
    const s = await seedReviewItem(t.gateway.store);
    const bad = await act(s.reviewId, 'verifikasi', { title: 'Judul', category: 'infrastruktur', agency: 'tidak-ada' });
    expect(bad.status).toBe(422);
    expect(await act(s.reviewId, 'tunda', { note: 'a' })).toHaveProperty('status', 422);
    expect(await act(s.reviewId, 'lampirkan', { target: s.trackingId, kind: 'duplicate' })).toHaveProperty('status', 422);
    expect(await act(s.reviewId, 'lampirkan', { target: '12345', kind: 'duplicate' })).toHaveProperty('status', 422);
    expect((await t.gateway.store.tickets.get(s.trackingId))?.status).toBe('belum_terverifikasi');
    expect(await repliesOf(s.trackingId)).toEqual([]);

    expect((await act(s.reviewId, 'tunda', { note: 'Mohon lengkapi lokasinya.' })).status).toBe(303);
    const again = await act(s.reviewId, 'arsipkan', { reason: 'spam' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('sudah ditangani');
    expect((await t.gateway.store.tickets.get(s.trackingId))?.status).toBe('tunda');
  });

  test('the queue filters by reason and lists oldest first', async () => {
    const old = await seedReviewItem(t.gateway.store, { reason: 'incomplete_sms', channel: 'sms', receivedAt: new Date(Date.now() - 3_600_000) });
    const newer = await seedReviewItem(t.gateway.store, { reason: 'incomplete_sms', channel: 'sms' });
    const page = await (await verifier.get('/console/review?reason=incomplete_sms')).text();
    const a = page.indexOf(encodeURIComponent(old.reviewId));
    const b = page.indexOf(encodeURIComponent(newer.reviewId));
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(page).not.toContain('PROMO PINJOL');
  });
});
