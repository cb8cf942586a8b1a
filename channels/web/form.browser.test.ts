import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInChromium, launchChromium } from '../../test/support/chromium';
import { parseTrackingNumber } from '../../src/tickets/trackingNumber';
import { startTestGateway, type TestGateway } from '../../test/support/testGateway';

/*
 * The form in a real browser with JavaScript off, as on a cheap phone with scripts blocked or a
 * slow page: what matters is that the server-rendered HTML alone is usable, labelled and readable.
 */

describeInChromium('web form in Chromium', () => {
  let t: TestGateway;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      startTestGateway(),
      launchChromium(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('works without JavaScript: errors reachable by keyboard, labels tied to fields, tracking number, status page', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${t.baseUrl}/lapor`);

    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.getByRole('heading').innerText()).toBe('Ada yang perlu diperbaiki');
    const fieldError = page.locator('#isi-error');
    expect(await fieldError.isVisible()).toBe(true);
    expect(await fieldError.innerText()).toContain('Tuliskan isi laporan Anda.');

    // From the top of the page, Tab alone gets to the link in the summary, and the link leads to the field.
    expect(await summary.getByRole('link', { name: 'Tuliskan isi laporan Anda.' }).getAttribute('href')).toBe('#isi');
    let reached = false;
    for (let presses = 0; presses < 10 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = (await page.locator('a[href="#isi"]:focus').count()) === 1;
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#isi$/);
    expect(await page.locator('textarea#isi:focus').count()).toBe(1);

    await page.getByLabel('Judul laporan').fill('Lampu jalan mati di Jl. Kenari');
    await page.getByLabel(/^Isi laporan/).fill('Lampu penerangan jalan di Jl. Kenari mati sejak seminggu, jalan sangat gelap.');
    await page.getByLabel('Lokasi kejadian').fill('Jl. Kenari, Kota Bogor');
    await page.getByLabel('Tanggal kejadian').fill('2024-03-17');
    await page.getByLabel('Kategori').selectOption({ index: 1 });
    await page.getByLabel('Rahasia').check();
    await page.getByLabel('Nama').fill('Siti');
    await page.getByLabel('Nomor HP').fill('0812 3456 7890');
    await page.getByLabel('Email').fill('siti@contoh.id');
    expect(await page.getByLabel('Publik').isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();

    await page.getByRole('heading', { name: 'Laporan Anda sudah kami terima' }).waitFor();
    const confirmation = await page.locator('main').innerText();
    const trackingId = /\b(\d{10})\b/.exec(confirmation)?.[1] ?? '';
    expect(parseTrackingNumber(trackingId)).toBe(trackingId);
    expect(confirmation).toContain('Laporan Anda rahasia');

    await page.getByRole('link', { name: 'Cek status laporan ini' }).click();
    await page.getByRole('heading', { name: 'Cek status laporan' }).waitFor();
    const status = await page.locator('main').innerText();
    expect(status).toContain('Belum Terverifikasi');
    expect(status).toContain(trackingId.slice(0, 4));
    expect(status).not.toContain('Jl. Kenari mati sejak seminggu');
  });

  it('fits a 360 px phone screen without sideways scrolling', async () => {
    // Measuring needs script in the page, so this context has JavaScript on.
    const page = await newPage({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 1 });
    const overflow = () => page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

    await page.goto(`${t.baseUrl}/lapor`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/lapor-form.png', fullPage: true });

    // The longest words the pages show: an error summary, and a confirmation with its big number.
    await page.getByLabel(/^Isi laporan/).fill('x'.repeat(5));
    await page.getByLabel('Email').fill(`${'panjang'.repeat(12)}@contoh.id`);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByRole('alert').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.getByLabel(/^Isi laporan/).fill('Jalan berlubang di depan Puskesmas Kecamatan Sukajadi, sudah dua bulan.');
    await page.getByLabel('Email').fill('');
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByRole('heading', { name: 'Laporan Anda sudah kami terima' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});
