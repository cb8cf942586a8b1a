import { generateTrackingNumber, parseTrackingNumber } from '../../src/tickets/trackingNumber';
import { eventually, startTestGateway, type TestGateway } from '../../test/support/testGateway';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.stop();
});

async function freshNonce(lang = 'id'): Promise<string> {
  const page = await (await fetch(`${t.baseUrl}/lapor?lang=${lang}`)).text();
  const nonce = /name="nonce" value="([^"]+)"/.exec(page)?.[1];
  if (!nonce) throw new Error('form without nonce');
  return nonce;
}

function postForm(fields: Record<string, string>, base = t.baseUrl) {
  return fetch(`${base}/lapor`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const validReport = {
  judul: 'Lampu jalan mati',
  isi: 'Lampu penerangan jalan di Jl. Merdeka mati sejak seminggu, jalan gelap dan rawan kejahatan.',
  lokasi: 'Jl. Merdeka, Kel. Babakan, Kota Bandung',
  privasi: 'public',
  nama: 'Budi',
  telepon: '0812 3456 7890',
};

async function inboxTotal(gatewayUnderTest = t): Promise<number> {
  const c = await gatewayUnderTest.gateway.store.inbox.countByState();
  return c.received + c.processed + c.failed;
}

function trackingIdIn(page: string): string {
  const id = /\b(\d{10})\b/.exec(page)?.[1];
  if (!id || !parseTrackingNumber(id)) throw new Error('no valid tracking number on the page');
  return id;
}

describe('web form', () => {
  it('serves an accessible form in Indonesian, and in English on request', async () => {
    const id = await (await fetch(`${t.baseUrl}/lapor`)).text();
    expect(id).toContain('<html lang="id"');
    expect(id).toMatch(/<label for="isi"/);
    const en = await (await fetch(`${t.baseUrl}/lapor?lang=en`)).text();
    expect(en).toContain('<html lang="en"');
  });

  it('files a report, shows its tracking number, and makes one ticket and one reply even when sent twice', async () => {
    const nonce = await freshNonce();
    const first = await postForm({ ...validReport, nonce });
    expect(first.status).toBe(200);
    const trackingId = trackingIdIn(await first.text());
    const again = await postForm({ ...validReport, nonce });
    expect(trackingIdIn(await again.text())).toBe(trackingId);

    const ticket = await eventually(() => t.gateway.store.tickets.get(trackingId));
    expect(ticket).toMatchObject({ channel: 'web', title: 'Lampu jalan mati', privacy: 'public' });
    expect(ticket.reporter.phone).toBe('+6281234567890');
    const replies = await eventually(async () => {
      const r = await t.gateway.store.replies.listForTicket(trackingId);
      return r[0]?.status === 'delivered' ? r : null;
    });
    expect(replies).toHaveLength(1);

    const status = await (await fetch(`${t.baseUrl}/lapor/status?nomor=${trackingId}`)).text();
    expect(status).toContain('Belum Terverifikasi');
    expect(status).toContain(replies[0]?.text.slice(0, 30));
    expect(status).toContain('Lampu penerangan jalan di Jl. Merdeka');
  });

  it('re-shows the form with the errors and the escaped values, storing nothing', async () => {
    const before = await inboxTotal();
    const res = await postForm({ ...validReport, isi: 'pendek', judul: '<script>alert(1)</script>', nonce: await freshNonce() });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('aria-invalid="true"');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;');
    expect(await inboxTotal()).toBe(before);
  });

  it('refuses a bot that fills the honeypot, storing nothing', async () => {
    const before = await inboxTotal();
    const res = await postForm({ ...validReport, website: 'http://spam.example', nonce: await freshNonce() });
    expect(res.status).toBe(400);
    expect(await inboxTotal()).toBe(before);
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

  it.each(['anonim', 'rahasia'])('never shows the content of a %s report on the status page', async (privasi) => {
    const secret = `Kepala dinas meminta uang pelicin ${privasi} untuk izin usaha saya di kantor kecamatan.`;
    const res = await postForm({ ...validReport, isi: secret, judul: `Pungli ${privasi}`, privasi, nonce: await freshNonce() });
    const trackingId = trackingIdIn(await res.text());
    await eventually(() => t.gateway.store.tickets.get(trackingId));
    const status = await (await fetch(`${t.baseUrl}/lapor/status?nomor=${trackingId}`)).text();
    expect(status).toContain('Belum Terverifikasi');
    expect(status).not.toContain('uang pelicin');
    expect(status).not.toContain(`Pungli ${privasi}`);
  });

  it('tells a citizen who mistyped one digit that the number is not valid', async () => {
    const good = generateTrackingNumber();
    const typo = `${good.slice(0, 4)}${(Number(good[4]) + 1) % 10}${good.slice(5)}`;
    const res = await fetch(`${t.baseUrl}/lapor/status?nomor=${typo}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Tulis nomor laporan seperti yang tertera');
  });

  it('keeps the phone number typed in the form out of the logs', () => {
    expect(t.logs.join('\n')).not.toMatch(/81234567890|0812 3456 7890/);
  });
});

describe('web form rate limit', () => {
  it('answers 429 with Retry-After past the per-minute limit and stores nothing', async () => {
    const limited = await startTestGateway({ WEB_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const nonce = async () => /name="nonce" value="([^"]+)"/.exec(await (await fetch(`${limited.baseUrl}/lapor`)).text())?.[1] ?? '';
      expect((await postForm({ ...validReport, nonce: await nonce() }, limited.baseUrl)).status).toBe(200);
      expect((await postForm({ ...validReport, nonce: await nonce() }, limited.baseUrl)).status).toBe(200);
      const before = await inboxTotal(limited);
      const third = await postForm({ ...validReport, nonce: await nonce() }, limited.baseUrl);
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await inboxTotal(limited)).toBe(before);
    } finally {
      await limited.stop();
    }
  });
});
