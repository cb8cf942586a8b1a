import { statusLabel } from '../../src/tickets/status';
import { generateTrackingNumber, parseTrackingNumber } from '../../src/tickets/trackingNumber';
import { eventually, inboxTotal, startTestGateway, type TestGateway } from '../../test/support/testGateway';

/*
 * The web channel as a citizen meets it: real HTTP against a whole gateway (redis-server, PGlite,
 * workers), judged by the pages that come back and by what ends up in the store.
 */

let t: TestGateway;
beforeAll(async () => {
  // Every test here posts from 127.0.0.1; the default limit of 10 a minute is tested on its own gateway below,
  // the status page's in test/security/status-page-guessing.test.ts.
  t = await startTestGateway({ WEB_RATE_LIMIT_PER_MINUTE: '1000', STATUS_RATE_LIMIT_PER_MINUTE: '1000' });
});
afterAll(async () => {
  await t?.stop();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function freshNonce(base = t.baseUrl, lang = 'id'): Promise<string> {
  const page = await (await fetch(`${base}/lapor?lang=${lang}`)).text();
  const nonce = /name="nonce" value="([^"]+)"/.exec(page)?.[1];
  if (!nonce) throw new Error('form without nonce');
  return nonce;
}

function postForm(fields: Record<string, string>, base = t.baseUrl): Promise<Response> {
  return fetch(`${base}/lapor`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

function statusPage(nomor: string, query = ''): Promise<Response> {
  return fetch(`${t.baseUrl}/lapor/status?nomor=${encodeURIComponent(nomor)}${query}`);
}

/** The citizen's own status page: the link on her confirmation page, which carries the access token. */
function ownStatusPage(confirmation: string, extraQuery = ''): Promise<Response> {
  const href = /href="(\/lapor\/status\?[^"]*token=[^"]+)"/.exec(confirmation)?.[1]?.replace(/&amp;/g, '&');
  if (!href) throw new Error('no status link with an access token on the confirmation page');
  return fetch(`${t.baseUrl}${href}${extraQuery}`);
}

const baseReport = {
  judul: 'Lampu jalan mati',
  isi: 'Lampu penerangan jalan di Jl. Merdeka mati sejak seminggu, jalan gelap dan rawan kejahatan.',
  lokasi: 'Jl. Merdeka, Kel. Babakan, Kota Bandung',
  privasi: 'public',
  nama: 'Budi',
  telepon: '0812 3456 7890',
};
// Each test reports as another citizen. (A typed phone identifies nobody, so even the same phone
// would not join two forms; distinct ones keep each test's report its own in the store.)
let validReport = baseReport;
let citizen = 0;
beforeEach(() => {
  citizen += 1;
  validReport = { ...baseReport, telepon: `0812 40${String(citizen).padStart(4, '0')} 00` };
});

/** What the status page must say once the pipeline has decided: the stored ticket's status. */
async function storedStatusLabel(trackingId: string, lang: 'id' | 'en'): Promise<string> {
  const ticket = await t.gateway.store.tickets.get(trackingId);
  if (!ticket) throw new Error(`no ticket ${trackingId}`);
  return statusLabel(ticket.status, lang);
}

function trackingIdIn(page: string): string {
  const id = /\b(\d{10})\b/.exec(page)?.[1];
  if (!id || parseTrackingNumber(id) !== id) throw new Error('no valid tracking number on the page');
  return id;
}

/** Waits until the acknowledgement has gone out, which is when a report counts as processed. */
async function acknowledged(trackingId: string) {
  return eventually(async () => {
    const replies = await t.gateway.store.replies.listForTicket(trackingId);
    return replies.some((r) => r.status === 'delivered') ? replies : null;
  });
}

describe('GET /lapor', () => {
  it('serves the form in Indonesian with a fresh nonce and the page CSP', async () => {
    const res = await fetch(`${t.baseUrl}/lapor`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('<html lang="id"');
    expect(page).toContain('Sampaikan laporan');
    expect(page).toMatch(/<label for="isi">Isi laporan/);
    const nonce = /name="nonce" value="([^"]+)"/.exec(page)?.[1];
    expect(nonce).toMatch(UUID);
    expect(await freshNonce()).not.toBe(nonce);
  });

  it('renders English with ?lang=en, and the report sent from it is confirmed in English', async () => {
    const page = await (await fetch(`${t.baseUrl}/lapor?lang=en`)).text();
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('Send a report');
    expect(page).toMatch(/<label for="isi">What happened/);
    expect(page).toContain('<input type="hidden" name="lang" value="en">');

    const res = await postForm({ ...validReport, lang: 'en', nonce: await freshNonce(t.baseUrl, 'en') });
    expect(res.status).toBe(200);
    const confirmation = await res.text();
    expect(confirmation).toContain('<html lang="en"');
    expect(confirmation).toContain('We have received your report');
    trackingIdIn(confirmation);
  });
});

describe('POST /lapor', () => {
  it('confirms with a tracking number; the same form sent again makes one ticket and one reply', async () => {
    const marker = `tiang-${Date.now()}`;
    const fields = { ...validReport, isi: `${validReport.isi} Nomor tiang ${marker}.`, nonce: await freshNonce() };

    // A double click: both requests are in flight together.
    const [first, second] = await Promise.all([postForm(fields), postForm(fields)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const trackingId = trackingIdIn(await first.text());
    expect(trackingIdIn(await second.text())).toBe(trackingId);
    // A reload of the confirmation page sends it once more.
    const reload = await postForm(fields);
    expect(trackingIdIn(await reload.text())).toBe(trackingId);

    const replies = await acknowledged(trackingId);
    const ticket = await t.gateway.store.tickets.get(trackingId);
    expect(ticket).toMatchObject({ channel: 'web', title: 'Lampu jalan mati', privacy: 'public' });
    expect(ticket?.reporter.phone).toBe(`+62${validReport.telepon.replace(/\D/g, '').slice(1)}`);
    expect((await t.gateway.store.tickets.list({ text: marker }, 0, 10)).total).toBe(1);
    expect(replies).toHaveLength(1);
    expect(await t.gateway.store.inbox.listForTicket(trackingId)).toHaveLength(1);
  });

  it('re-shows the form with the errors and the escaped values, keeping the nonce, storing nothing', async () => {
    const before = await inboxTotal(t);
    const nonce = await freshNonce();
    const res = await postForm({
      ...validReport,
      judul: '<script>alert(1)</script>',
      isi: 'pendek <b>x</b>',
      lokasi: 'Jl. "Mawar" & Melati',
      email: 'bukan-email',
      nonce,
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('<title>Kesalahan: Sampaikan laporan');
    expect(page).toContain('role="alert"');
    expect(page).toContain('<a href="#isi">Isi laporan minimal 20 karakter agar dapat ditindaklanjuti.</a>');
    expect(page).toContain('<a href="#email">Tulis alamat email yang benar, misalnya nama@contoh.id.</a>');
    expect(page).toContain('id="isi-error"');
    expect(page).toMatch(/<textarea[^>]*aria-invalid="true"/);

    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toContain('<b>x</b>');
    expect(page).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page).toContain('pendek &lt;b&gt;x&lt;/b&gt;</textarea>');
    expect(page).toContain('value="Jl. &quot;Mawar&quot; &amp; Melati"');
    expect(page).toContain('value="bukan-email"');
    expect(page).toContain(`name="nonce" value="${nonce}"`);
    expect(await inboxTotal(t)).toBe(before);
  });

  it('refuses a bot that fills the honeypot with a 400 page, storing nothing', async () => {
    const before = await inboxTotal(t);
    const res = await postForm({ ...validReport, website: 'http://spam.example', nonce: await freshNonce() });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Permintaan tidak dapat diproses');
    expect(page).not.toContain('website');
    expect(await inboxTotal(t)).toBe(before);
  });

  it('refuses an edited resend of an already sent form with a pointer to a fresh form', async () => {
    const nonce = await freshNonce();
    expect((await postForm({ ...validReport, nonce })).status).toBe(200);
    const res = await postForm({ ...validReport, isi: `${validReport.isi} Tambahan: sudah dua orang jatuh.`, nonce });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('Formulir ini sudah terkirim');
    expect(page).toContain('href="/lapor');
  });

  it('never lets a <script> typed into the title or text reach a page unescaped', async () => {
    const judul = '<script>alert("judul")</script>';
    const isi = 'Jalan berlubang besar di depan sekolah. <script>alert("isi")</script> <img src=x onerror=alert(2)>';
    const res = await postForm({ ...validReport, judul, isi, nonce: await freshNonce() });
    expect(res.status).toBe(200);
    const confirmation = await res.text();
    const trackingId = trackingIdIn(confirmation);
    await acknowledged(trackingId);

    const status = await (await ownStatusPage(confirmation)).text();
    // The public report's own words are on the page, so the escaping is what is being tested.
    expect(status).toContain('&lt;script&gt;alert(&quot;judul&quot;)&lt;/script&gt;');
    expect(status).toContain('&lt;script&gt;alert(&quot;isi&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;');
    for (const page of [confirmation, status]) {
      expect(page).not.toMatch(/<script|<img/i);
    }
  });
});

describe('failures under /lapor are pages, not JSON', () => {
  it('answers a body over 100 KB with the "too large" page in the citizen\'s language', async () => {
    const res = await postForm({ ...validReport, isi: 'x'.repeat(110_000), nonce: await freshNonce() });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('Kiriman terlalu besar');
  });

  it('answers an unknown page under /lapor with a 404 page', async () => {
    const res = await fetch(`${t.baseUrl}/lapor/tidak-ada?lang=en`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<html lang="en"');
  });
});

describe('GET /lapor/status', () => {
  it('shows its citizen the status, then the acknowledgement, and the content of a public report', async () => {
    const res = await postForm({ ...validReport, nonce: await freshNonce() });
    const confirmation = await res.text();
    const trackingId = trackingIdIn(confirmation);
    const early = await ownStatusPage(confirmation);
    expect(early.status).toBe(200);
    expect(await early.text()).toContain('Belum Terverifikasi');

    await acknowledged(trackingId);
    const page = await (await ownStatusPage(confirmation)).text();
    expect(page).toContain(await storedStatusLabel(trackingId, 'id'));
    expect(page).toContain(`Terima kasih, laporan Anda sudah kami terima dengan nomor ${trackingId}.`);
    expect(page).toContain('<strong>Lampu jalan mati</strong>');
    expect(page).toContain('Lampu penerangan jalan di Jl. Merdeka mati sejak seminggu');
  });

  it('shows anyone with the number alone the status label and nothing more', async () => {
    const res = await postForm({ ...validReport, nonce: await freshNonce() });
    const trackingId = trackingIdIn(await res.text());
    await acknowledged(trackingId);
    const page = await (await statusPage(trackingId)).text();
    expect(page).toContain(`<strong>${await storedStatusLabel(trackingId, 'id')}</strong>`);
    expect(page).not.toContain('Lampu penerangan jalan');
    expect(page).not.toContain('Terima kasih, laporan Anda');
    expect(page).not.toContain('<time');
  });

  it('finds a number typed with spaces, and answers in English with ?lang=en', async () => {
    const trackingId = trackingIdIn(await (await postForm({ ...validReport, nonce: await freshNonce() })).text());
    await acknowledged(trackingId);
    const spaced = `${trackingId.slice(0, 4)} ${trackingId.slice(4, 8)} ${trackingId.slice(8)}`;
    const page = await (await statusPage(spaced, '&lang=en')).text();
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('Check report status');
    expect(page).toContain(`<strong>${await storedStatusLabel(trackingId, 'en')}</strong>`);
  });

  it.each(['anonim', 'rahasia'])('never shows the title or text of a %s report', async (privasi) => {
    const secret = `Kepala dinas meminta uang pelicin ${privasi} untuk izin usaha saya di kantor kecamatan.`;
    const res = await postForm({ ...validReport, isi: secret, judul: `Pungli ${privasi}`, privasi, nonce: await freshNonce() });
    expect(res.status).toBe(200);
    const confirmation = await res.text();
    const trackingId = trackingIdIn(confirmation);

    const pending = await (await ownStatusPage(confirmation)).text();
    await acknowledged(trackingId);
    const processed = await (await ownStatusPage(confirmation)).text();
    expect(processed).toContain(await storedStatusLabel(trackingId, 'id'));
    expect(processed).toContain(`dengan nomor ${trackingId}`);
    for (const page of [confirmation, pending, processed]) {
      expect(page).not.toContain('uang pelicin');
      expect(page).not.toContain(`Pungli ${privasi}`);
    }
  });

  it('answers a mistyped digit with a 404 page that says the number is not valid', async () => {
    const good = generateTrackingNumber();
    const typo = `${good.slice(0, 4)}${(Number(good[4]) + 1) % 10}${good.slice(5)}`;
    expect(parseTrackingNumber(typo)).toBeNull();
    const res = await statusPage(typo);
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain('Tulis nomor laporan seperti yang tertera');
    expect(page).toContain(`value="${typo}"`);
  });

  it('answers a well-formed number that was never issued with a 404 page that says so', async () => {
    const res = await statusPage(generateTrackingNumber());
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Nomor laporan tidak ditemukan');
  });
});

describe('logs', () => {
  it('never contain the phone number typed into the form', async () => {
    const res = await postForm({ ...validReport, telepon: '+62 813-9876-5432', nonce: await freshNonce() });
    const trackingId = trackingIdIn(await res.text());
    await acknowledged(trackingId);
    const inbox = await t.gateway.store.inbox.getByTrackingId(trackingId);
    const logs = t.logs.join('\n');
    // This very report was logged on its way through, so the number's absence means something.
    expect(logs).toContain(inbox?.key);
    expect(logs).not.toMatch(/8139876543|813-9876-5432|0813 ?9876/);
    expect(logs).not.toMatch(/81234567890|0812 3456 7890/);
  });
});

describe('rate limit', () => {
  it('answers the third POST in a minute with 429 and Retry-After, storing nothing', async () => {
    const limited = await startTestGateway({ WEB_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      expect((await postForm({ ...validReport, nonce: await freshNonce(limited.baseUrl) }, limited.baseUrl)).status).toBe(200);
      expect((await postForm({ ...validReport, nonce: await freshNonce(limited.baseUrl) }, limited.baseUrl)).status).toBe(200);
      const before = await inboxTotal(limited);
      const third = await postForm({ ...validReport, nonce: await freshNonce(limited.baseUrl) }, limited.baseUrl);
      expect(third.status).toBe(429);
      const retryAfter = Number(third.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const page = await third.text();
      expect(page).toContain('Terlalu banyak permintaan');
      expect(page).toMatch(/Coba lagi dalam \d+ detik/);
      expect(await inboxTotal(limited)).toBe(before);
    } finally {
      await limited.stop();
    }
  });
});
