import { createHash } from 'node:crypto';
import type { WebFormErrors, WebFormValues, WebLang } from './formSchema';
import {
  formatTrackingId,
  formatWib,
  pathWithLang,
  renderConfirmation,
  renderErrorPage,
  renderReportForm,
  renderStatusLookup,
  WEB_CSP,
  type StatusLookupResult,
} from './views';

const NONCE = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const XSS = '<script>alert(1)</script>';
const ATTR_XSS = '" autofocus onfocus="alert(1)';

// ——— tiny HTML inspection helpers: the markup is ours, so regexes over it are reliable enough ———

function tags(page: string, name: string): string[] {
  return page.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function hasAttr(tag: string, name: string): boolean {
  return new RegExp(`\\s${name}(?:[\\s>=])`).test(tag);
}

function byId(page: string, id: string): string {
  const tag = new RegExp(`<[a-z0-9]+\\b[^>]*\\sid="${id}"[^>]*>`).exec(page)?.[0];
  if (tag === undefined) throw new Error(`no element with id ${id}`);
  return tag;
}

/** The text content of the element with this id (no nesting of the same tag inside). */
function textOf(page: string, id: string): string {
  const m = new RegExp(`<([a-z0-9]+)\\b[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(page);
  if (!m) throw new Error(`no element with id ${id}`);
  return (m[2] ?? '').replace(/<[^>]+>/g, '');
}

/** The page without its stylesheet, whose selectors mention the attributes some tests look for. */
function body(page: string): string {
  return page.slice(page.indexOf('<body>'));
}

function controls(page: string): string[] {
  return [...tags(page, 'input'), ...tags(page, 'select'), ...tags(page, 'textarea')].filter(
    (t) => attr(t, 'type') !== 'hidden',
  );
}

/** Every attribute name in the markup; quoted values are skipped whole, since the renderer escapes their quotes. */
function attributeNames(page: string): string[] {
  const names: string[] = [];
  for (const tag of body(page).match(/<[a-z][a-z0-9]*(?:\s+[^\s"'>=]+(?:="[^"]*")?)*\s*>/g) ?? []) {
    for (const m of tag.matchAll(/\s([^\s"'>=]+)(?:="[^"]*")?/g)) names.push(m[1] ?? '');
  }
  return names;
}

/** Checks that hold on every page we render. */
function expectWellFormedPage(page: string, lang: WebLang): void {
  expect(page.startsWith('<!doctype html>')).toBe(true);
  expect(tags(page, 'html')).toEqual([`<html lang="${lang}">`]);
  expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(page).toContain('<meta charset="utf-8">');
  expect(tags(page, 'h1')).toHaveLength(1);
  expect(tags(page, 'main')).toHaveLength(1);
  expect(attr(tags(page, 'main')[0] ?? '', 'id')).toBe('main');
  expect(page).toMatch(/<a class="skip-link" href="#main">/);
  // No JavaScript and no other request: nothing to load, nothing to block on a slow connection.
  expect(page).not.toMatch(/<script|<link|<img|javascript:/i);
  const names = attributeNames(page);
  expect(names.filter((n) => /^on|^src$|^autofocus$|^style$/i.test(n))).toEqual([]);
  // Every tag in the body parsed as name="value" pairs: an unescaped quote would break this.
  expect(body(page).match(/<[a-z][^>]*>/g)?.length).toBe(body(page).match(/<[a-z][a-z0-9]*(?:\s+[^\s"'>=]+(?:="[^"]*")?)*\s*>/g)?.length);
  expect(tags(page, 'style')).toHaveLength(1);

  const ids = (page.match(/\sid="([^"]*)"/g) ?? []).map((s) => s.slice(5, -1));
  expect(new Set(ids).size).toBe(ids.length);
  for (const tag of page.match(/<[^>]+aria-describedby="[^"]*"[^>]*>/g) ?? []) {
    for (const ref of (attr(tag, 'aria-describedby') ?? '').split(' ')) expect(ids).toContain(ref);
  }
  for (const control of controls(page)) {
    const id = attr(control, 'id');
    expect(id).toBeDefined();
    expect(page).toContain(`<label for="${id}">`);
  }
  for (const a of tags(page, 'a')) {
    const href = attr(a, 'href') ?? '';
    expect(href).toMatch(/^(#|\/(?!\/))/);
  }
}

function otherLanguageLink(page: string, lang: WebLang): string {
  const link = tags(page, 'a').find((a) => attr(a, 'hreflang') === lang);
  if (link === undefined) throw new Error(`no link to ${lang}`);
  return attr(link, 'href') ?? '';
}

// ——— the report form ———

describe('renderReportForm', () => {
  const now = new Date('2024-03-17T03:00:00Z');

  it.each(['id', 'en'] as const)('is a well-formed, accessible page in %s', (lang) => {
    const page = renderReportForm({ lang, nonce: NONCE, now });
    expectWellFormedPage(page, lang);
    expect(controls(page).length).toBeGreaterThanOrEqual(11);
  });

  it('speaks Indonesian by default and links to the English version of the same page', () => {
    const page = renderReportForm({ lang: 'id', nonce: NONCE });
    expect(page).toContain('<h1>Sampaikan laporan</h1>');
    expect(otherLanguageLink(page, 'en')).toBe('/lapor?lang=en');
    expect(page).toMatch(/hreflang="en" lang="en">English<\/a>/);

    const en = renderReportForm({ lang: 'en', nonce: NONCE });
    expect(en).toContain('<h1>Send a report</h1>');
    expect(otherLanguageLink(en, 'id')).toBe('/lapor?lang=id');
    expect(en).toMatch(/hreflang="id" lang="id">Bahasa Indonesia<\/a>/);
  });

  it('keeps the rest of the address in the language link', () => {
    const page = renderReportForm({ lang: 'id', nonce: NONCE, path: '/lapor?ref=poster&lang=id' });
    expect(otherLanguageLink(page, 'en')).toBe('/lapor?ref=poster&amp;lang=en');
  });

  it('posts to /lapor in the page language with the nonce and lang', () => {
    const page = renderReportForm({ lang: 'en', nonce: NONCE });
    const [form] = tags(page, 'form');
    expect(attr(form ?? '', 'method')).toBe('post');
    expect(attr(form ?? '', 'action')).toBe('/lapor?lang=en');
    expect(page).toContain(`<input type="hidden" name="nonce" value="${NONCE}">`);
    expect(page).toContain('<input type="hidden" name="lang" value="en">');
  });

  it('gives every field a name matching the form schema', () => {
    const names = controls(renderReportForm({ lang: 'id', nonce: NONCE })).map((c) => attr(c, 'name'));
    expect(new Set(names)).toEqual(
      new Set(['judul', 'isi', 'lokasi', 'tanggal', 'kategori', 'privasi', 'nama', 'telepon', 'email', 'website']),
    );
  });

  it('marks the required field with text, not only colour', () => {
    const page = renderReportForm({ lang: 'id', nonce: NONCE });
    expect(page).toMatch(/<label for="isi">Isi laporan <span class="marker">\(wajib\)<\/span><\/label>/);
    expect(hasAttr(byId(page, 'isi'), 'required')).toBe(true);
    expect(page).toContain('Kolom bertanda (wajib) harus diisi.');
    expect(renderReportForm({ lang: 'en', nonce: NONCE })).toMatch(/<label for="isi">[^<]*<span class="marker">\(required\)/);
  });

  it('offers the three privacy choices as radios in a fieldset with a legend', () => {
    const page = renderReportForm({ lang: 'id', nonce: NONCE });
    const fieldset = /<fieldset[\s\S]*?<\/fieldset>/.exec(page)?.[0] ?? '';
    expect(fieldset).toContain('<legend>Siapa yang boleh melihat laporan ini?</legend>');
    const radios = tags(fieldset, 'input');
    expect(radios.map((r) => attr(r, 'value'))).toEqual(['public', 'anonim', 'rahasia']);
    expect(radios.every((r) => attr(r, 'type') === 'radio' && attr(r, 'name') === 'privasi')).toBe(true);
    expect(radios.filter((r) => hasAttr(r, 'checked')).map((r) => attr(r, 'value'))).toEqual(['public']);
    expect(textOf(page, 'privasi-anonim-hint')).toContain('identitas Anda disembunyikan');
    expect(textOf(page, 'privasi-rahasia-hint')).toContain('tidak ditampilkan untuk publik');
    for (const r of radios) expect(attr(r, 'aria-describedby')).toBe(`${attr(r, 'id')}-hint`);
  });

  it('sets the date picker between 2000 and today', () => {
    const tanggal = byId(renderReportForm({ lang: 'id', nonce: NONCE, now }), 'tanggal');
    expect(attr(tanggal, 'type')).toBe('date');
    expect(attr(tanggal, 'min')).toBe('2000-01-01');
    expect(attr(tanggal, 'max')).toBe('2024-03-17');
  });

  it('lists every category with labels in the page language', () => {
    const id = renderReportForm({ lang: 'id', nonce: NONCE });
    const en = renderReportForm({ lang: 'en', nonce: NONCE });
    expect(tags(id, 'option')).toHaveLength(17);
    expect(id).toContain('<option value="pungli_korupsi">Pungutan liar dan korupsi</option>');
    expect(en).toContain('<option value="pungli_korupsi">Illegal levies and corruption</option>');
  });

  it('has a hidden honeypot that is never pre-filled', () => {
    const page = renderReportForm({ lang: 'id', nonce: NONCE, values: { website: 'http://spam.example' } });
    const honeypot = byId(page, 'website');
    expect(attr(honeypot, 'name')).toBe('website');
    expect(attr(honeypot, 'tabindex')).toBe('-1');
    expect(attr(honeypot, 'autocomplete')).toBe('off');
    expect(attr(honeypot, 'value')).toBe('');
    expect(page).not.toContain('spam.example');
    expect(page).toMatch(/<div class="hp" aria-hidden="true">\s*<label for="website">[^<]+<\/label>\s*<input[^>]*id="website"/);
    expect(page).toMatch(/\.hp\{left:-10000px\}/);
  });

  it('shows no error markup when there are no errors', () => {
    const page = renderReportForm({ lang: 'id', nonce: NONCE });
    expect(body(page)).not.toMatch(/role="alert"|aria-invalid|error-message"/);
    expect(page).toContain('<title>Sampaikan laporan – LAPOR!</title>');
  });

  describe('with errors', () => {
    const errors: WebFormErrors = {
      telepon: 'Tulis nomor HP Indonesia, misalnya 0812 3456 7890.',
      isi: 'Isi laporan minimal 20 karakter agar dapat ditindaklanjuti.',
      privasi: 'Pilih salah satu: publik, anonim, atau rahasia.',
      nonce: 'Formulir ini kedaluwarsa atau tidak lengkap.',
    };
    const values: WebFormValues = { isi: 'Jalan rusak', telepon: '0812', privasi: 'bogus', kategori: 'listrik', nama: 'Budi' };
    const page = renderReportForm({ lang: 'id', nonce: NONCE, values, errors, now });

    it('stays a well-formed page and says so in the title', () => {
      expectWellFormedPage(page, 'id');
      expect(page).toContain('<title>Kesalahan: Sampaikan laporan – LAPOR!</title>');
    });

    it('summarises the errors at the top, in form order, linking to each visible field', () => {
      const summary = /<div class="error-summary" role="alert"[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
      expect(page.indexOf('error-summary')).toBeLessThan(page.indexOf('<h1>'));
      expect(summary).toContain('aria-labelledby="error-summary-title"');
      expect(tags(summary, 'a').map((a) => attr(a, 'href'))).toEqual(['#isi', '#privasi-public', '#telepon']);
      expect(summary).toContain(`<li>${errors.nonce}</li>`);
      for (const message of Object.values(errors)) expect(summary).toContain(message);
    });

    it.each(['isi', 'telepon'])('ties the message beside %s to it with aria-describedby and aria-invalid', (name) => {
      const control = byId(page, name);
      expect(attr(control, 'aria-invalid')).toBe('true');
      expect(attr(control, 'aria-describedby')?.split(' ')).toContain(`${name}-error`);
      expect(textOf(page, `${name}-error`)).toBe(`Kesalahan: ${errors[name as 'isi' | 'telepon']}`);
      // Right next to the field: the message comes after its label and before the control.
      const at = page.indexOf(`id="${name}-error"`);
      expect(page.lastIndexOf(`<label for="${name}">`, at)).toBeGreaterThan(page.lastIndexOf('<div class="field', at) - 1);
      expect(page.indexOf(`id="${name}"`, at)).toBeGreaterThan(at);
      expect(page.indexOf('</div>', at)).toBeGreaterThan(page.indexOf(`id="${name}"`, at));
    });

    it('marks the privacy group as invalid too', () => {
      expect(page).toMatch(/<fieldset[^>]*aria-describedby="privasi-hint privasi-error"/);
      for (const p of ['public', 'anonim', 'rahasia']) {
        const radio = byId(page, `privasi-${p}`);
        expect(attr(radio, 'aria-invalid')).toBe('true');
        expect(attr(radio, 'aria-describedby')).toBe(`privasi-${p}-hint privasi-error`);
      }
    });

    it('leaves fields without errors unmarked', () => {
      for (const name of ['judul', 'lokasi', 'tanggal', 'kategori', 'nama', 'email']) {
        expect(hasAttr(byId(page, name), 'aria-invalid')).toBe(false);
      }
      expect(body(page).match(/aria-invalid="true"/g)).toHaveLength(5);
    });

    it('fills the form again with what the user typed', () => {
      expect(page).toMatch(/<textarea[^>]*id="isi"[^>]*>\nJalan rusak<\/textarea>/);
      expect(attr(byId(page, 'telepon'), 'value')).toBe('0812');
      expect(attr(byId(page, 'nama'), 'value')).toBe('Budi');
      expect(page).toContain('<option value="listrik" selected>');
      // An unknown privacy value leaves no radio checked, so the user has to choose.
      expect(page).not.toMatch(/name="privasi"[^>]*checked/);
    });

    it('speaks English when asked', () => {
      const en = renderReportForm({ lang: 'en', nonce: NONCE, errors: { isi: 'Describe what you are reporting.' } });
      expect(en).toContain('<h2 id="error-summary-title">There is a problem</h2>');
      expect(textOf(en, 'isi-error')).toBe('Error: Describe what you are reporting.');
      expect(en).toContain('<title>Error: Send a report – LAPOR!</title>');
    });
  });

  it('escapes everything the user typed', () => {
    const fields = ['judul', 'isi', 'lokasi', 'tanggal', 'kategori', 'privasi', 'nama', 'telepon', 'email'] as const;
    const values = Object.fromEntries(fields.map((f) => [f, `${XSS}${ATTR_XSS}`]));
    const errors = Object.fromEntries(fields.map((f) => [f, XSS]));
    const page = renderReportForm({ lang: 'id', nonce: `${NONCE}${ATTR_XSS}`, values, errors, path: `/lapor?q=${XSS}` });
    expect(page).not.toContain(XSS);
    expect(page).not.toContain(ATTR_XSS);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot; autofocus onfocus=&quot;alert(1)');
    expectWellFormedPage(page, 'id');
  });
});

// ——— the confirmation page ———

const TOKEN = 'q3Zb1xV9-example_access-token-0123456789ab';

describe('renderConfirmation', () => {
  it.each(['id', 'en'] as const)('is a well-formed page in %s', (lang) => {
    expectWellFormedPage(renderConfirmation({ lang, trackingId: '1234567890', accessToken: TOKEN, privacy: 'public' }), lang);
  });

  it('shows the tracking number big and grouped, and also as plain digits', () => {
    const page = renderConfirmation({ lang: 'id', trackingId: '1234567890', accessToken: TOKEN, privacy: 'public' });
    expect(page).toContain('<p class="tracking">1234 5678 90</p>');
    expect(page).toContain('Tanpa spasi: <strong>1234567890</strong>');
    expect(page).toContain('<h2>Simpan nomor ini</h2>');
    expect(page).toContain('<h1>Laporan Anda sudah kami terima</h1>');
  });

  it('links to the status page for this number with its access token, in the page language', () => {
    const page = renderConfirmation({ lang: 'en', trackingId: '1234567890', accessToken: TOKEN, privacy: 'public' });
    expect(page).toContain(`<a href="/lapor/status?nomor=1234567890&amp;token=${TOKEN}&amp;lang=en">Check the status of this report</a>`);
    expect(page).toContain(`<code>${TOKEN}</code>`);
    expect(otherLanguageLink(page, 'id')).toBe('/lapor/status?nomor=1234567890&amp;lang=id');
    expect(page).toContain('<meta name="robots" content="noindex">');
  });

  it('uses the given path for the language link', () => {
    const page = renderConfirmation({ lang: 'id', trackingId: '1', accessToken: TOKEN, privacy: 'public', path: '/lapor/diterima/1' });
    expect(otherLanguageLink(page, 'en')).toBe('/lapor/diterima/1?lang=en');
  });

  it.each([
    ['public', 'id', 'dapat melihat isi laporan dan nama Anda'],
    ['anonim', 'id', 'identitas Anda disembunyikan'],
    ['rahasia', 'id', 'isinya tidak ditampilkan untuk publik'],
    ['anonim', 'en', 'your identity is hidden'],
    ['rahasia', 'en', 'its content is not shown publicly'],
  ] as const)('explains what %s means (%s)', (privacy, lang, text) => {
    expect(renderConfirmation({ lang, trackingId: '1234567890', accessToken: TOKEN, privacy })).toContain(text);
  });

  it('escapes the tracking id everywhere it appears', () => {
    const page = renderConfirmation({ lang: 'id', trackingId: `${XSS}${ATTR_XSS}`, accessToken: TOKEN, privacy: 'public' });
    expect(page).not.toContain(XSS);
    expectWellFormedPage(page, 'id');
  });
});

// ——— the status page ———

describe('renderStatusLookup', () => {
  const result: StatusLookupResult = {
    trackingId: '1234567890',
    statusLabel: 'Diteruskan',
    receivedAt: new Date('2024-03-17T03:00:00Z'),
    updatedAt: new Date('2024-03-18T05:30:00Z'),
    processing: false,
    history: [
      { statusLabel: 'Belum terverifikasi', at: new Date('2024-03-17T03:00:00Z') },
      { statusLabel: 'Diteruskan', at: new Date('2024-03-18T05:30:00Z') },
    ],
    replies: [{ text: 'Terima kasih, sedang kami tangani.\nMohon ditunggu.', at: new Date('2024-03-18T05:30:00Z') }],
  };

  it.each(['id', 'en'] as const)('is a well-formed page in %s, with or without a result', (lang) => {
    expectWellFormedPage(renderStatusLookup({ lang }), lang);
    expectWellFormedPage(renderStatusLookup({ lang, query: '1234567890', result }), lang);
    expectWellFormedPage(renderStatusLookup({ lang, query: 'x', error: 'not_found' }), lang);
  });

  it('asks for the number with a GET form that keeps the language', () => {
    const page = renderStatusLookup({ lang: 'en' });
    const [form] = tags(page, 'form');
    expect(attr(form ?? '', 'method')).toBe('get');
    expect(attr(form ?? '', 'action')).toBe('/lapor/status');
    expect(page).toContain('<input type="hidden" name="lang" value="en">');
    expect(attr(byId(page, 'nomor'), 'name')).toBe('nomor');
    expect(page).toMatch(/<label for="nomor">Report number <span class="marker">\(required\)<\/span><\/label>/);
    expect(otherLanguageLink(page, 'id')).toBe('/lapor/status?lang=id');
  });

  it('shows the status, dates in WIB, history and replies', () => {
    const page = renderStatusLookup({ lang: 'id', query: '1234 5678 90', result });
    expect(page).toContain('<h2 id="result-title">Laporan 1234 5678 90</h2>');
    expect(page).toContain('<dd><strong>Diteruskan</strong></dd>');
    expect(page).toContain('<time datetime="2024-03-17T03:00:00.000Z">17 Maret 2024 pukul 10.00 WIB</time>');
    expect(page).toContain('<time datetime="2024-03-18T05:30:00.000Z">18 Maret 2024 pukul 12.30 WIB</time>');
    expect(page).toContain('<strong>Belum terverifikasi</strong>');
    expect(page).toContain('<p class="reply-text">Terima kasih, sedang kami tangani.\nMohon ditunggu.</p>');
    expect(page).not.toContain('menunggu diproses');
    expect(page).not.toContain('<h3>Isi laporan</h3>');
    expect(otherLanguageLink(page, 'en')).toBe('/lapor/status?nomor=1234+5678+90&amp;lang=en');
    // The field is there to look up another number.
    expect(attr(byId(page, 'nomor'), 'value')).toBe('');
    expect(page).toContain('<h2>Cek nomor lain</h2>');
  });

  it('shows only the status label, and how to see more, when the page has no access token', () => {
    const page = renderStatusLookup({ lang: 'id', query: '1234567890', result: { trackingId: '1234567890', statusLabel: 'Diteruskan' } });
    expect(page).toContain('<dd><strong>Diteruskan</strong></dd>');
    expect(page).toContain('masukkan kode aksesnya');
    expect(page).not.toContain('<time');
    expect(page).not.toContain('Tanggapan');
    expect(attr(byId(page, 'token'), 'name')).toBe('token');
  });

  it('says when a report is received but not yet processed, and when there is no reply yet', () => {
    const page = renderStatusLookup({ lang: 'en', result: { ...result, processing: true, history: [], replies: [] } });
    expect(page).toContain('waiting to be processed');
    expect(page).toContain('No responses yet.');
    expect(page).not.toContain('Status history');
    expect(page).toContain('17 March 2024 at 10:00 WIB');
  });

  it('shows the content of a public report when it is given', () => {
    const page = renderStatusLookup({
      lang: 'id',
      result: { ...result, content: { title: 'Lampu jalan mati', text: 'Sudah seminggu.\nMohon diperbaiki.' } },
    });
    expect(page).toContain('<h3>Isi laporan</h3>');
    expect(page).toContain('<strong>Lampu jalan mati</strong>');
    expect(page).toContain('<p class="report-text">Sudah seminggu.\nMohon diperbaiki.</p>');
  });

  it.each([
    ['the whole first sentence', 'Jalan berlubang di depan sekolah.'],
    ['a first sentence cut short', 'Jalan berlubang di depan…'],
  ])('does not repeat a title that is only %s of the text', (_case, title) => {
    const text = 'Jalan berlubang di depan sekolah. Sudah dua bulan.';
    const page = renderStatusLookup({ lang: 'id', result: { ...result, content: { title, text } } });
    expect(page).not.toContain('<strong>Jalan berlubang');
    expect(page).toContain(`<p class="report-text">${text}</p>`);
  });

  it.each([
    ['not_found', 'id', 'Nomor laporan tidak ditemukan.'],
    ['invalid', 'en', 'Enter the report number as you received it'],
    [{ message: 'Layanan cek status sedang dirawat.' }, 'id', 'Layanan cek status sedang dirawat.'],
  ] as const)('shows the error %j next to the field and in the summary', (error, lang, text) => {
    const page = renderStatusLookup({ lang, query: '99', error });
    const control = byId(page, 'nomor');
    expect(attr(control, 'aria-invalid')).toBe('true');
    expect(attr(control, 'aria-describedby')).toBe('nomor-hint nomor-error');
    expect(attr(control, 'value')).toBe('99');
    expect(textOf(page, 'nomor-error')).toContain(text);
    expect(page).toMatch(new RegExp(`role="alert"[\\s\\S]*<a href="#nomor">${text}`));
    expect(page).toMatch(/<title>(Kesalahan|Error): /);
  });

  it('escapes the query, labels, replies and content', () => {
    const evil = `${XSS}${ATTR_XSS}`;
    const page = renderStatusLookup({
      lang: 'id',
      query: evil,
      error: { message: evil },
      result: {
        ...result,
        trackingId: evil,
        statusLabel: evil,
        history: [{ statusLabel: evil, at: new Date(0) }],
        replies: [{ text: evil, at: new Date(0) }],
        // Not the same as the title, which would then be left out as a repeat.
        content: { title: evil, text: `Isi: ${evil}` },
      },
    });
    expect(page).not.toContain(XSS);
    expect(page.match(/&lt;script&gt;/g)?.length).toBeGreaterThanOrEqual(8);
    expectWellFormedPage(page, 'id');
  });
});

// ——— error pages ———

describe('renderErrorPage', () => {
  it.each([
    [429, 'id', 'Terlalu banyak permintaan', 'Tunggu sebentar'],
    [429, 'en', 'Too many requests', 'Wait a moment'],
    [503, 'id', 'Layanan sedang sibuk', 'coba lagi beberapa saat lagi'],
    [503, 'en', 'Service temporarily unavailable', 'try again in a few moments'],
    [404, 'id', 'Halaman tidak ditemukan', 'Periksa kembali alamat'],
    [413, 'en', 'What you sent is too large', 'Shorten your report'],
    [500, 'id', 'Terjadi kesalahan pada sistem kami', 'coba lagi nanti'],
    [502, 'en', 'Something went wrong on our side', 'try again later'],
    [418, 'en', 'We could not process this request', 'not valid'],
  ] as const)('%i in %s: %s', (status, lang, title, text) => {
    const page = renderErrorPage({ lang, status });
    expectWellFormedPage(page, lang);
    expect(page).toContain(`<h1>${title}</h1>`);
    expect(page).toContain(text);
    expect(page).toContain(`${status}</p>`);
    expect(page).toContain(`<title>${title} – LAPOR!</title>`);
  });

  it.each([
    [30, 'id', 'Coba lagi dalam 30 detik.'],
    [1, 'en', 'Try again in 1 second.'],
    [0.2, 'en', 'Try again in 1 second.'],
    [600, 'id', 'Coba lagi dalam 10 menit.'],
    [121, 'en', 'Try again in 3 minutes.'],
  ] as const)('says when to retry after %s s (%s)', (retryAfterSeconds, lang, text) => {
    expect(renderErrorPage({ lang, status: 429, retryAfterSeconds })).toContain(`<p>${text}</p>`);
  });

  it('ignores a nonsensical retry time', () => {
    for (const retryAfterSeconds of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(renderErrorPage({ lang: 'en', status: 503, retryAfterSeconds })).not.toContain('Try again in');
    }
  });

  it('adds the caller’s message, escaped, and keeps the page address in the language link', () => {
    const page = renderErrorPage({ lang: 'id', status: 400, message: XSS, path: '/lapor/status?nomor=1' });
    expect(page).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(otherLanguageLink(page, 'en')).toBe('/lapor/status?nomor=1&amp;lang=en');
    expect(page).toContain('<a href="/lapor?lang=id">Kembali ke formulir laporan</a>');
  });
});

// ——— helpers ———

describe('the page checks themselves', () => {
  it('would notice an attribute injected through an unescaped quote', () => {
    const broken = `<body><input value="" autofocus onfocus="alert(1)"></body>`;
    expect(attributeNames(broken)).toEqual(['value', 'autofocus', 'onfocus']);
  });
});

describe('formatTrackingId', () => {
  it.each([
    ['1234567890', '1234 5678 90'],
    ['12345678', '1234 5678'],
    ['123', '123'],
    ['LPR-2024-0001', 'LPR-2024-0001'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(formatTrackingId(input)).toBe(expected);
  });
});

describe('pathWithLang', () => {
  it.each([
    ['/lapor', 'en', '/lapor?lang=en'],
    ['/lapor?lang=en', 'id', '/lapor?lang=id'],
    ['/lapor/status?nomor=12&lang=id&x=1', 'en', '/lapor/status?nomor=12&lang=en&x=1'],
    ['/lapor#isi', 'en', '/lapor?lang=en'],
    // Never a link to another site, whatever the request URL was.
    ['//evil.example/x', 'en', '/x?lang=en'],
    ['/.//evil.example/x', 'en', '/evil.example/x?lang=en'],
    ['/\\evil.example', 'en', '/?lang=en'],
    ['https://evil.example/y', 'en', '/y?lang=en'],
    ['http://[', 'en', '/lapor?lang=en'],
  ] as const)('%j → %j', (path, lang, expected) => {
    expect(pathWithLang(path, lang)).toBe(expected);
  });
});

describe('formatWib', () => {
  it('shows Jakarta time whatever the server time zone', () => {
    const d = new Date('2024-12-31T20:15:00Z');
    expect(formatWib(d, 'id')).toBe('1 Januari 2025 pukul 03.15 WIB');
    expect(formatWib(d, 'en')).toBe('1 January 2025 at 03:15 WIB');
  });
});

describe('WEB_CSP', () => {
  it('allows exactly the inline stylesheet the pages carry, and nothing else', () => {
    const page = renderReportForm({ lang: 'id', nonce: NONCE });
    const css = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    expect(WEB_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(WEB_CSP).toContain("default-src 'none'");
    expect(WEB_CSP).not.toContain('script-src');
  });
});
