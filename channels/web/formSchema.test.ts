import {
  latestIncidentDate,
  normaliseIndonesianPhone,
  parseWebForm,
  toReportFields,
  WEB_CATEGORIES,
  type ParseWebFormResult,
  type WebFormErrors,
  type WebReport,
} from './formSchema';

const NONCE = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
// 10:00 WIB on 17 March 2024.
const NOW = new Date('2024-03-17T03:00:00Z');
const ISI = 'Lampu jalan di depan SD Negeri 3 mati sejak seminggu yang lalu.';

function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { isi: ISI, nonce: NONCE, privasi: 'public', website: '', lang: 'id', ...overrides };
}

function ok(result: ParseWebFormResult): WebReport {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

function failed(result: ParseWebFormResult): Extract<ParseWebFormResult, { ok: false }> {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value)}`);
  return result;
}

function errorsOf(body: Record<string, unknown>, lang: 'id' | 'en' = 'id'): WebFormErrors {
  return failed(parseWebForm(body, lang, { now: NOW })).errors;
}

describe('normaliseIndonesianPhone', () => {
  it.each([
    ['081234567890', '+6281234567890'],
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+6281234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['  (0812) 3456.7890 ', '+6281234567890'],
    ['0811234567', '+62811234567'],
    ['0812345678901', '+62812345678901'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseIndonesianPhone(input)).toBe(expected);
  });

  it.each([
    '',
    '0812',
    '08123456',
    '08123456789012',
    '0212345678',
    '+6221345678',
    '0801234567',
    '+1 415 555 0100',
    '08I2345678900',
    '0812 3456 7890 ext 2',
    '+0812345678',
    '++6281234567890',
    '628',
  ])('rejects %j', (input) => {
    expect(normaliseIndonesianPhone(input)).toBeNull();
  });
});

describe('parseWebForm: valid bodies', () => {
  it('accepts the minimal form and fills defaults', () => {
    const value = ok(parseWebForm({ isi: ISI, nonce: NONCE }, 'en', { now: NOW }));
    expect(value).toEqual({ isi: ISI, nonce: NONCE, privasi: 'public', lang: 'en' });
  });

  it('accepts every field and types them', () => {
    const value = ok(
      parseWebForm(
        form({
          judul: '  Lampu jalan mati ',
          lokasi: 'Jl. Merdeka No. 1, Bandung',
          tanggal: '2024-03-10',
          kategori: 'penerangan_jalan',
          privasi: 'rahasia',
          nama: 'Siti Rahayu',
          telepon: '0812-3456-7890',
          email: 'siti@contoh.id',
          lang: 'en',
        }),
        'id',
        { now: NOW },
      ),
    );
    expect(value).toEqual({
      judul: 'Lampu jalan mati',
      isi: ISI,
      lokasi: 'Jl. Merdeka No. 1, Bandung',
      tanggal: '2024-03-10',
      kategori: 'penerangan_jalan',
      privasi: 'rahasia',
      nama: 'Siti Rahayu',
      telepon: '+6281234567890',
      email: 'siti@contoh.id',
      nonce: NONCE,
      lang: 'en',
    });
    expect(value).not.toHaveProperty('website');
  });

  it('treats blank optional fields as absent', () => {
    const value = ok(
      parseWebForm(form({ judul: '   ', lokasi: '', tanggal: '', kategori: '', nama: ' ', telepon: '', email: '', privasi: '' }), 'id', {
        now: NOW,
      }),
    );
    expect(value).toEqual({ isi: ISI, nonce: NONCE, privasi: 'public', lang: 'id' });
  });

  it('trims the report and counts a CRLF line break as one character', () => {
    const nineteenPlusBreak = 'abcdefghij\r\nklmnopqr';
    expect(errorsOf(form({ isi: nineteenPlusBreak })).isi).toBeDefined();
    expect(ok(parseWebForm(form({ isi: `  ${nineteenPlusBreak}s \n` }), 'id', { now: NOW })).isi).toBe(
      'abcdefghij\nklmnopqrs',
    );
  });

  it('lowercases the nonce so a resubmission keeps the same idempotency key', () => {
    expect(ok(parseWebForm(form({ nonce: NONCE.toUpperCase() }), 'id', { now: NOW })).nonce).toBe(NONCE);
  });

  it('falls back to the page language when lang is missing or unknown', () => {
    expect(ok(parseWebForm(form({ lang: 'fr' }), 'en', { now: NOW })).lang).toBe('en');
    expect(ok(parseWebForm(form({ lang: undefined }), 'id', { now: NOW })).lang).toBe('id');
  });

  it('ignores fields it does not know', () => {
    expect(ok(parseWebForm(form({ admin: 'true' }), 'id', { now: NOW }))).not.toHaveProperty('admin');
  });

  it('accepts every listed category', () => {
    for (const { code } of WEB_CATEGORIES) {
      expect(ok(parseWebForm(form({ kategori: code }), 'id', { now: NOW })).kategori).toBe(code);
    }
  });
});

describe('parseWebForm: the report text', () => {
  it.each([
    [{ isi: undefined }, 'Tuliskan isi laporan Anda.', 'Describe what you are reporting.'],
    [{ isi: '    ' }, 'Tuliskan isi laporan Anda.', 'Describe what you are reporting.'],
    [{ isi: 'Jalan rusak parah.' }, 'minimal 20 karakter', 'at least 20 characters'],
    [{ isi: 'x'.repeat(5001) }, 'paling banyak 5000', '5000 characters or fewer'],
    [{ isi: ['a', 'b'] }, 'tidak valid', 'not valid'],
  ])('%j', (overrides, id, en) => {
    expect(errorsOf(form(overrides), 'id').isi).toContain(id);
    expect(errorsOf(form(overrides), 'en').isi).toContain(en);
  });

  it('accepts exactly 20 and exactly 5000 characters after trimming', () => {
    expect(parseWebForm(form({ isi: ` ${'a'.repeat(20)} ` }), 'id', { now: NOW }).ok).toBe(true);
    expect(parseWebForm(form({ isi: 'a'.repeat(5000) }), 'id', { now: NOW }).ok).toBe(true);
    expect(errorsOf(form({ isi: 'a'.repeat(19) })).isi).toBeDefined();
  });
});

describe('parseWebForm: the incident date', () => {
  it.each([
    ['17-03-2024', 'TTTT-BB-HH'],
    ['2024-3-7', 'TTTT-BB-HH'],
    ['kemarin', 'TTTT-BB-HH'],
    ['2023-02-29', 'tidak ada di kalender'],
    ['2024-13-01', 'tidak ada di kalender'],
    ['1999-12-31', 'sebelum tahun 2000'],
    ['2024-03-19', 'masa depan'],
  ])('%s → %s', (tanggal, message) => {
    expect(errorsOf(form({ tanggal })).tanggal).toContain(message);
  });

  it.each(['2000-01-01', '2024-02-29', '2024-03-17'])('accepts %s', (tanggal) => {
    expect(ok(parseWebForm(form({ tanggal }), 'id', { now: NOW })).tanggal).toBe(tanggal);
  });

  it("accepts today in eastern Indonesia while it is still yesterday in UTC", () => {
    // 23:30 UTC on the 16th is 06:30 WIT on the 17th in Jayapura.
    const now = new Date('2024-03-16T23:30:00Z');
    expect(latestIncidentDate(now)).toBe('2024-03-17');
    expect(parseWebForm(form({ tanggal: '2024-03-17' }), 'id', { now }).ok).toBe(true);
    expect(parseWebForm(form({ tanggal: '2024-03-18' }), 'id', { now }).ok).toBe(false);
  });

  it('uses the real clock when no time is given', () => {
    expect(parseWebForm(form({ tanggal: '2999-01-01' }), 'id').ok).toBe(false);
    expect(parseWebForm(form({ tanggal: '2020-01-01' }), 'id').ok).toBe(true);
  });
});

describe('parseWebForm: other field errors', () => {
  it.each([
    ['judul', 'x'.repeat(201), 'Judul paling banyak 200', 'title must be 200'],
    ['lokasi', 'x'.repeat(501), 'Lokasi paling banyak 500', 'location must be 500'],
    ['nama', 'x'.repeat(201), 'Nama paling banyak 200', 'name must be 200'],
    ['kategori', 'jalan_tol', 'Pilih kategori', 'Choose a category'],
    ['privasi', 'secret', 'publik, anonim, atau rahasia', 'public, anonymous or confidential'],
    ['telepon', '12345', 'nomor HP Indonesia', 'Indonesian mobile number'],
    ['email', 'siti@', 'alamat email', 'valid email address'],
    ['email', `${'a'.repeat(250)}@x.id`, 'alamat email', 'valid email address'],
    ['nonce', '', 'Muat ulang halaman', 'Reload the page'],
    ['nonce', 'not-a-uuid', 'Muat ulang halaman', 'Reload the page'],
  ] as const)('%s = %j', (field, value, id, en) => {
    const idErrors = errorsOf(form({ [field]: value }), 'id');
    expect(Object.keys(idErrors)).toEqual([field]);
    expect(idErrors[field]).toContain(id);
    expect(errorsOf(form({ [field]: value }), 'en')[field]).toContain(en);
  });

  it('reports every invalid field at once, one message each, and echoes what was typed', () => {
    const body = form({ isi: 'pendek', telepon: '0812', email: 'x', tanggal: '2099-01-01', judul: ' Judul ' });
    const result = failed(parseWebForm(body, 'id', { now: NOW }));
    expect(Object.keys(result.errors).sort()).toEqual(['email', 'isi', 'tanggal', 'telepon']);
    expect(result.honeypot).toBe(false);
    expect(result.values).toEqual({
      isi: 'pendek',
      telepon: '0812',
      email: 'x',
      tanggal: '2099-01-01',
      judul: ' Judul ',
      nonce: NONCE,
      privasi: 'public',
      lang: 'id',
    });
  });

  it('does not echo values that are not strings', () => {
    const result = failed(parseWebForm(form({ judul: ['a', 'b'], isi: { x: 1 } }), 'id', { now: NOW }));
    expect(result.values).not.toHaveProperty('judul');
    expect(result.values).not.toHaveProperty('isi');
    expect(result.errors.judul).toBe('Isian ini tidak valid.');
  });

  it.each([null, undefined, 'isi=abc', 42, ['isi']])('treats a body of %j as an empty form', (body) => {
    const result = failed(parseWebForm(body, 'en', { now: NOW }));
    expect(Object.keys(result.errors).sort()).toEqual(['isi', 'nonce']);
    expect(result.values).toEqual({});
  });
});

describe('parseWebForm: the honeypot', () => {
  it.each(['http://spam.example', ' x ', ['a']])('flags %j without naming the field', (website) => {
    const result = failed(parseWebForm(form({ website }), 'id', { now: NOW }));
    expect(result.honeypot).toBe(true);
    expect(result.errors).toEqual({});
    expect(result.values).not.toHaveProperty('website');
  });

  it('still reports real errors next to a filled honeypot', () => {
    const result = failed(parseWebForm(form({ website: 'x', isi: '' }), 'id', { now: NOW }));
    expect(result.honeypot).toBe(true);
    expect(Object.keys(result.errors)).toEqual(['isi']);
  });

  it('accepts a blank or missing honeypot', () => {
    expect(parseWebForm(form({ website: '  ' }), 'id', { now: NOW }).ok).toBe(true);
    expect(parseWebForm(form({ website: undefined }), 'id', { now: NOW }).ok).toBe(true);
  });
});

describe('toReportFields', () => {
  it('maps form fields onto the core report fields', () => {
    const value = ok(
      parseWebForm(
        form({ judul: 'Lampu', lokasi: 'Bandung', tanggal: '2024-03-10', kategori: 'listrik', privasi: 'anonim', lang: 'en' }),
        'id',
        { now: NOW },
      ),
    );
    expect(toReportFields(value)).toEqual({
      title: 'Lampu',
      location: 'Bandung',
      category: 'listrik',
      occurredAt: new Date('2024-03-09T17:00:00Z'),
      privacy: 'anonim',
      language: 'en',
    });
  });

  it('leaves out what the user did not give', () => {
    const fields = toReportFields(ok(parseWebForm(form(), 'id', { now: NOW })));
    expect(fields.occurredAt).toBeUndefined();
    expect(fields.title).toBeUndefined();
    expect(fields.privacy).toBe('public');
  });
});
