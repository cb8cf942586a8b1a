import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../../test/support/testGateway';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED web form browser tests: ${CHROMIUM} is missing (apt-get install -y chromium)`);
}

(available ? describe : describe.skip)(`web form in Chromium${available ? '' : ' (skipped: no /usr/bin/chromium)'}`, () => {
  let t: TestGateway;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestGateway();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('works without JavaScript: errors announced, labels tied to fields, tracking number, status page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/lapor`);

    await page.getByRole('button', { name: /Kirim laporan/ }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    await page.getByRole('link', { name: /isi laporan/i }).first().focus();
    await page.keyboard.press('Enter');
    await page.getByLabel(/Isi laporan/).fill('Lampu penerangan jalan di Jl. Kenari mati sejak seminggu, jalan sangat gelap.');
    await page.getByLabel(/Judul laporan/).fill('Lampu jalan mati di Jl. Kenari');
    await page.getByLabel(/Lokasi kejadian/).fill('Jl. Kenari, Kota Bogor');
    await page.getByLabel('Rahasia').check();
    await page.getByRole('button', { name: /Kirim laporan/ }).click();

    await page.getByRole('heading', { name: /sudah kami terima/ }).waitFor();
    const body = await page.locator('main').innerText();
    const trackingId = /\b(\d{10})\b/.exec(body)?.[1];
    expect(trackingId).toBeDefined();

    await page.getByRole('link', { name: /Cek status laporan ini/ }).click();
    await page.getByText('Belum Terverifikasi').first().waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Jl. Kenari mati sejak seminggu');
    await context.close();
  });

  it('fits a 360 px phone screen without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/lapor`);
    const overflow = await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/lapor-form.png', fullPage: false });
    await context.close();
  });
});
