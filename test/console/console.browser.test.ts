import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInChromium, launchChromium } from '../support/chromium';
import type { User } from '../../src/store/types';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { createOperator, PASSWORD, seedForwardedTicket, seedReviewItem } from './consoleSupport';

/*
 * The console in Debian Chromium, as an operator uses it: keyboard first, JavaScript on (the
 * shortcuts are ours, served from /console/assets under CSP script-src 'self'). Screenshots of the
 * main pages go to test-artifacts/console/ (git-ignored).
 */

const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'console');
const AGENCY = 'pemkot-32.73';

describeInChromium('operator console in Chromium', () => {
  let t: TestGateway;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  async function newPage(width = 1280, height = 900): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // A CSP violation (an inline script or style we forgot) shows up as a console error.
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    return page;
  }

  async function login(page: Page, user: User): Promise<void> {
    await page.goto(`${t.baseUrl}/console/login`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/console\/(review|tickets)/);
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [t, browser] = await Promise.all([
      startTestGateway(),
      launchChromium(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    dialogs.length = 0;
    pageErrors.length = 0;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('logs in and clears a queue with each action, by keyboard; every citizen is answered', async () => {
    const store = t.gateway.store;
    const base = Date.now() - 10 * 60_000;
    const at = (n: number) => new Date(base + n * 1000);
    const earlier = await seedForwardedTicket(store, AGENCY, { receivedAt: at(0) });
    const verify = await seedReviewItem(store, { reason: 'unroutable', regionCode: '32.73', receivedAt: at(1), text: 'Lampu PJU di Jl. Kenari mati total, gelap sekali malam hari.' });
    const hold = await seedReviewItem(store, { reason: 'unknown_location', receivedAt: at(2), text: 'Sampah menumpuk di pinggir jalan dekat pasar.' });
    const outside = await seedReviewItem(store, { reason: 'low_confidence', receivedAt: at(3), text: 'Tetangga saya berisik setiap malam.' });
    const spam = await seedReviewItem(store, { reason: 'possible_spam', receivedAt: at(4), text: 'PROMO PINJOL cair 5 menit tanpa jaminan!!!' });
    const dup = await seedReviewItem(store, { reason: 'possible_duplicate', receivedAt: at(5), suggestion: { duplicateOf: earlier.trackingId, similarity: 0.91 } });

    const page = await newPage();
    await page.goto(`${t.baseUrl}/console/login`);
    await shot(page, '01-login');
    await login(page, await createOperator(store, 'verifier'));
    expect(await page.locator('h1').innerText()).toBe('Antrean verifikasi');
    expect(await page.locator('#queue-count').innerText()).toContain('5 item menunggu');
    await shot(page, '02-review-queue');

    // j selects the first (oldest) row, Enter opens it.
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(encodeURIComponent(verify.reviewId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await expect(page.locator('main')).toBeTruthy();
    expect(await page.locator('main').innerText()).toContain('Lampu PJU di Jl. Kenari');
    await shot(page, '03-review-item');

    // v: to the title; the operator writes the summary, picks the agency and submits with Enter.
    await page.keyboard.press('v');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('verify-title');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('PJU mati di Jl. Kenari');
    await page.getByLabel(/^Kategori/).selectOption('penerangan_jalan');
    await page.getByLabel(/^Instansi tujuan/).fill(AGENCY);
    await page.getByLabel(/^Instansi tujuan/).press('Enter');
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').innerText()).toContain('diverifikasi dan diteruskan');
    expect(await store.tickets.get(verify.trackingId)).toMatchObject({ status: 'diteruskan', agency: AGENCY, category: 'penerangan_jalan', title: 'PJU mati di Jl. Kenari' });
    expect((await store.replies.listForTicket(verify.trackingId)).map((r) => r.event)).toEqual(['status_changed']);

    // The next item opened by itself: Tunda with a question.
    expect(page.url()).toContain(encodeURIComponent(hold.reviewId));
    await page.locator('summary', { hasText: 'Tunda: minta informasi' }).click();
    await page.getByLabel(/^Pertanyaan untuk pelapor/).fill('Mohon sebutkan nama pasar dan kelurahannya.');
    await page.getByRole('button', { name: 'Tunda: minta informasi' }).click();
    await page.waitForURL(new RegExp(encodeURIComponent(outside.reviewId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    expect((await store.replies.listForTicket(hold.trackingId))[0]?.text).toContain('Mohon sebutkan nama pasar');

    // Bukan Wewenang with a polite note saying where to go.
    await page.locator('summary', { hasText: 'Bukan wewenang' }).click();
    await page.getByLabel(/^Catatan untuk pelapor/).fill('Mohon maaf, ini di luar kewenangan LAPOR!. Silakan sampaikan kepada ketua RT setempat.');
    await page.getByRole('button', { name: 'Bukan wewenang' }).click();
    await page.waitForURL(new RegExp(encodeURIComponent(spam.reviewId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    expect((await store.tickets.get(outside.trackingId))?.status).toBe('bukan_wewenang');
    expect((await store.replies.listForTicket(outside.trackingId))[0]?.text).toContain('ketua RT setempat');

    // s: archive as spam, focus on the archive button; Enter confirms. No reply to a spammer.
    await page.keyboard.press('s');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('archive-submit');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(encodeURIComponent(dup.reviewId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    expect((await store.tickets.get(spam.trackingId))?.status).toBe('diarsipkan');
    expect(await store.replies.listForTicket(spam.trackingId)).toEqual([]);

    // d: attach as duplicate; the suggested number is already in the field.
    await page.keyboard.press('d');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('attach-target');
    expect(await page.inputValue('#attach-target')).toBe(earlier.trackingId);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/review\?done=attach/);
    expect(await page.locator('main').innerText()).toContain('Antrean bersih');
    expect(await store.tickets.get(dup.trackingId)).toMatchObject({ status: 'diarsipkan', duplicateOf: earlier.trackingId });
    const dupReplies = await store.replies.listForTicket(dup.trackingId);
    expect(dupReplies.map((r) => r.event)).toEqual(['duplicate_received']);
    expect(dupReplies[0]?.text).toContain(earlier.trackingId);

    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('changes a ticket status on its page and shows the reply with its delivery status', async () => {
    const store = t.gateway.store;
    const s = await seedForwardedTicket(store, AGENCY, { text: 'Air PDAM tidak mengalir tiga hari di Kel. Sukajadi.' });
    const page = await newPage();
    await login(page, await createOperator(store, 'liaison', AGENCY));
    await page.goto(`${t.baseUrl}/console/tickets`);
    await page.getByRole('link', { name: s.trackingId }).click();
    await page.getByLabel('Status baru').selectOption('ditindaklanjuti');
    await page.getByLabel(/^Catatan \(dikirim ke pelapor\)/).fill('Petugas PDAM sudah memperbaiki pipa yang bocor.');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('status').waitFor();
    expect((await store.tickets.get(s.trackingId))?.status).toBe('ditindaklanjuti');
    const replies = await store.replies.listForTicket(s.trackingId);
    expect(replies.at(-1)?.text).toContain('Petugas PDAM sudah memperbaiki pipa yang bocor.');
    const conversation = await page.locator('section[aria-labelledby="conv-h"]').innerText();
    expect(conversation).toContain('Air PDAM tidak mengalir');
    expect(conversation).toContain('Petugas PDAM sudah memperbaiki pipa yang bocor.');
    expect(conversation).toMatch(/Antre|Terkirim|Diterima/);
    expect(await page.locator('section[aria-labelledby="history-h"]').innerText()).toContain('Ditindaklanjuti');
    await shot(page, '04-ticket');
  });

  it('answers a liaison on another agency\'s ticket as on a missing one (404) and refuses a forged form (CSRF, 403), changing nothing', async () => {
    const store = t.gateway.store;
    const other = await seedForwardedTicket(store, 'pemkot-32.71');
    const page = await newPage();
    await login(page, await createOperator(store, 'liaison', AGENCY));
    const denied = await page.goto(`${t.baseUrl}/console/tickets/${other.trackingId}`);
    expect(denied?.status()).toBe(404);
    expect(await page.getByRole('alert').innerText()).toContain('tidak ditemukan');

    const verifierPage = await newPage();
    await login(verifierPage, await createOperator(store, 'verifier'));
    const s = await seedReviewItem(store);
    await verifierPage.goto(`${t.baseUrl}/console/review/${encodeURIComponent(s.reviewId)}`);
    await verifierPage.evaluate(() => {
      for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[name="_csrf"]'))) input.value = 'forged-token';
    });
    await verifierPage.locator('summary', { hasText: 'Arsipkan' }).click();
    const [response] = await Promise.all([verifierPage.waitForResponse((r) => r.request().method() === 'POST'), verifierPage.locator('#archive-submit').click()]);
    expect(response.status()).toBe(403);
    expect(await verifierPage.getByRole('alert').innerText()).toContain('Formulir kedaluwarsa');
    expect((await store.tickets.get(s.trackingId))?.status).toBe('belum_terverifikasi');
    expect((await store.review.get(s.reviewId))?.state).toBe('open');
  });

  it('shows a complaint with <script> and onerror as text; nothing runs', async () => {
    const store = t.gateway.store;
    const attack = `<script>alert('xss-script')</script><img src=x onerror="alert('xss-img')"> Jalan rusak "parah" & berbahaya`;
    const s = await seedReviewItem(store, { text: attack, sender: { id: 'x', name: `<b onmouseover=alert(3)>Nama</b>` }, suggestion: { location: '<svg onload=alert(4)>' } });
    const page = await newPage();
    await login(page, await createOperator(store, 'verifier'));
    for (const path of [`/console/review/${encodeURIComponent(s.reviewId)}`, '/console/review', `/console/tickets/${s.trackingId}`]) {
      await page.goto(`${t.baseUrl}${path}`);
      const text = await page.locator('main').innerText();
      expect(text).toContain(path === '/console/review' ? "<script>alert('xss-script')</script>" : attack);
      expect(await page.locator('main img, main script, main b, main svg').count()).toBe(0);
      if (path.startsWith('/console/review/')) expect(await page.locator('#verify-location').inputValue()).toBe('<svg onload=alert(4)>');
    }
    expect(dialogs).toEqual([]);
  });

  it('dashboard, English switch, help overlay and a tablet width without sideways scrolling', async () => {
    const store = t.gateway.store;
    await seedReviewItem(store, { reason: 'flood' });
    const page = await newPage(768, 1024);
    await login(page, await createOperator(store, 'supervisor'));
    await page.goto(`${t.baseUrl}/console/dashboard`);
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(2);
    await shot(page, '05-dashboard');
    const overflow = () => page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Pintasan papan ketik' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').isHidden()).toBe(true);

    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.goto(`${t.baseUrl}/console/review`);
    expect(await page.locator('h1').innerText()).toBe('Review queue');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`${t.baseUrl}/console/tickets`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
  });
});
