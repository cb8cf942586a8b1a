import { z } from 'zod';
import { Privacy, type ReportFields } from '../../src/message/inboundMessage';

export type WebLang = 'id' | 'en';
export const WEB_LANGS: readonly WebLang[] = ['id', 'en'];

export const WEB_CATEGORIES = [
  { code: 'infrastruktur', id: 'Infrastruktur (jalan, jembatan, saluran air)', en: 'Infrastructure (roads, bridges, drains)' },
  { code: 'penerangan_jalan', id: 'Penerangan jalan umum', en: 'Street lighting' },
  { code: 'air_bersih', id: 'Air bersih', en: 'Clean water' },
  { code: 'listrik', id: 'Listrik', en: 'Electricity' },
  { code: 'sampah_lingkungan', id: 'Sampah dan lingkungan hidup', en: 'Waste and environment' },
  { code: 'kesehatan', id: 'Kesehatan', en: 'Health' },
  { code: 'pendidikan', id: 'Pendidikan', en: 'Education' },
  { code: 'kependudukan', id: 'Administrasi kependudukan (KTP, KK, akta)', en: 'Civil registration (ID card, family card, certificates)' },
  { code: 'bantuan_sosial', id: 'Bantuan sosial', en: 'Social assistance' },
  { code: 'perizinan', id: 'Perizinan', en: 'Permits and licences' },
  { code: 'transportasi', id: 'Transportasi', en: 'Transport' },
  { code: 'ketertiban', id: 'Ketertiban umum', en: 'Public order' },
  { code: 'pungli_korupsi', id: 'Pungutan liar dan korupsi', en: 'Illegal levies and corruption' },
  { code: 'kepegawaian', id: 'Kepegawaian (ASN)', en: 'Civil servants' },
  { code: 'pertanahan', id: 'Pertanahan', en: 'Land affairs' },
  { code: 'lainnya', id: 'Lainnya', en: 'Other' },
] as const;
export type WebCategoryCode = (typeof WEB_CATEGORIES)[number]['code'];

const CATEGORY_CODES = WEB_CATEGORIES.map((c) => c.code) as [WebCategoryCode, ...WebCategoryCode[]];

export const WEB_FORM_FIELDS = [
  'judul',
  'isi',
  'lokasi',
  'tanggal',
  'kategori',
  'privasi',
  'nama',
  'telepon',
  'email',
  'website',
  'nonce',
  'lang',
] as const;
export type WebFormField = (typeof WEB_FORM_FIELDS)[number];

/** What the user typed, keyed by field, to fill the form again after an error. */
export type WebFormValues = Partial<Record<WebFormField, string>>;
export type WebFormErrors = Partial<Record<WebFormField, string>>;

export const ISI_MIN = 20;
export const ISI_MAX = 5000;
export const EARLIEST_INCIDENT_DATE = '2000-01-01';

/*
 * The schema reports message keys, not sentences, so one schema serves both languages; parseWebForm
 * turns a key into text in the reader's language.
 */
const MESSAGES = {
  invalid: { id: 'Isian ini tidak valid.', en: 'This value is not valid.' },
  judul_too_long: { id: 'Judul paling banyak 200 karakter.', en: 'The title must be 200 characters or fewer.' },
  isi_required: { id: 'Tuliskan isi laporan Anda.', en: 'Describe what you are reporting.' },
  isi_too_short: {
    id: `Isi laporan minimal ${ISI_MIN} karakter agar dapat ditindaklanjuti.`,
    en: `Your report must be at least ${ISI_MIN} characters so that it can be followed up.`,
  },
  isi_too_long: {
    id: `Isi laporan paling banyak ${ISI_MAX} karakter.`,
    en: `Your report must be ${ISI_MAX} characters or fewer.`,
  },
  lokasi_too_long: { id: 'Lokasi paling banyak 500 karakter.', en: 'The location must be 500 characters or fewer.' },
  tanggal_format: {
    id: 'Tulis tanggal dengan format TTTT-BB-HH, misalnya 2024-03-17.',
    en: 'Enter the date as YYYY-MM-DD, for example 2024-03-17.',
  },
  tanggal_not_a_day: { id: 'Tanggal itu tidak ada di kalender.', en: 'That date does not exist.' },
  tanggal_future: { id: 'Tanggal kejadian tidak boleh di masa depan.', en: 'The date of the incident cannot be in the future.' },
  tanggal_too_old: {
    id: 'Tanggal kejadian tidak boleh sebelum tahun 2000.',
    en: 'The date of the incident cannot be before the year 2000.',
  },
  kategori_invalid: { id: 'Pilih kategori dari daftar.', en: 'Choose a category from the list.' },
  privasi_invalid: {
    id: 'Pilih salah satu: publik, anonim, atau rahasia.',
    en: 'Choose one: public, anonymous or confidential.',
  },
  nama_too_long: { id: 'Nama paling banyak 200 karakter.', en: 'The name must be 200 characters or fewer.' },
  telepon_invalid: {
    id: 'Tulis nomor HP Indonesia, misalnya 0812 3456 7890.',
    en: 'Enter an Indonesian mobile number, for example 0812 3456 7890.',
  },
  email_invalid: {
    id: 'Tulis alamat email yang benar, misalnya nama@contoh.id.',
    en: 'Enter a valid email address, for example name@example.com.',
  },
  nonce_invalid: {
    id: 'Formulir ini kedaluwarsa atau tidak lengkap. Muat ulang halaman, lalu kirim lagi.',
    en: 'This form has expired or is incomplete. Reload the page and send it again.',
  },
} as const satisfies Record<string, Record<WebLang, string>>;
type MessageKey = keyof typeof MESSAGES;

// Not shown to anyone: it only tells parseWebForm that a bot filled the hidden field.
const HONEYPOT = 'honeypot';

function isMessageKey(s: string): s is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES, s);
}

/**
 * Indonesian mobile numbers written the ways people write them (0812-3456-7890, 62812…, +62 812…)
 * as E.164 (+62812…), or null. Only mobile numbers: the form asks for a nomor HP, the number an
 * officer can reach by SMS as well as by call.
 */
export function normaliseIndonesianPhone(s: string): string | null {
  const compact = s.trim().replace(/[\s\-.()]/g, '');
  const national = /^(?:\+62|62|0)(8\d*)$/.exec(compact)?.[1];
  // Mobile prefixes are 81x–89x and numbers run 9 to 12 digits after the leading 0.
  if (national === undefined || !/^8[1-9]\d{7,10}$/.test(national)) return null;
  return `+62${national}`;
}

/*
 * A browser sends a blank field as '' and a textarea's line breaks as CRLF. Treating blanks as
 * absent keeps optional fields optional, and counting a line break as one character keeps the
 * length limits the same as what the user sees.
 */
function blankToUndefined(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.replace(/\r\n?/g, '\n').trim();
  return s === '' ? undefined : s;
}

function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
}

const text = () => z.string({ error: 'invalid' });

/** Today's date where Indonesia's day starts first (WIT, UTC+9), so "today" is never refused anywhere in the country. */
export function latestIncidentDate(now: Date): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

function incidentDateProblem(s: string, now: Date): MessageKey | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'tanggal_format';
  // Date.parse rolls 2023-02-30 over to March; a round trip shows whether the day exists.
  const parsed = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== s) return 'tanggal_not_a_day';
  if (s < EARLIEST_INCIDENT_DATE) return 'tanggal_too_old';
  if (s > latestIncidentDate(now)) return 'tanggal_future';
  return null;
}

/** The schema for the urlencoded body of POST /lapor. `clock` is read at parse time so one schema lasts across days. */
export function createWebFormSchema(clock: () => Date = () => new Date()) {
  return z
    .object({
      judul: optionalField(text().max(200, { error: 'judul_too_long' })),
      isi: z.preprocess(
        blankToUndefined,
        z
          .string({ error: (issue) => (issue.input === undefined ? 'isi_required' : 'invalid') })
          .min(ISI_MIN, { error: 'isi_too_short' })
          .max(ISI_MAX, { error: 'isi_too_long' }),
      ),
      lokasi: optionalField(text().max(500, { error: 'lokasi_too_long' })),
      tanggal: optionalField(
        text().superRefine((s, ctx) => {
          const problem = incidentDateProblem(s, clock());
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      ),
      kategori: optionalField(z.enum(CATEGORY_CODES, { error: 'kategori_invalid' })),
      privasi: z.preprocess(blankToUndefined, z.enum(Privacy.options, { error: 'privasi_invalid' }).default('public')),
      nama: optionalField(text().max(200, { error: 'nama_too_long' })),
      telepon: optionalField(
        text().transform((s, ctx) => {
          const phone = normaliseIndonesianPhone(s);
          if (phone === null) {
            ctx.addIssue({ code: 'custom', message: 'telepon_invalid' });
            return z.NEVER;
          }
          return phone;
        }),
      ),
      email: optionalField(z.email({ error: 'email_invalid' }).max(254, { error: 'email_invalid' })),
      website: optionalField(z.string({ error: HONEYPOT }).max(0, { error: HONEYPOT })),
      // Lowercased so that the same form sent twice always maps to the same idempotency key.
      nonce: z.preprocess(blankToUndefined, z.uuid({ error: 'nonce_invalid' }).transform((s) => s.toLowerCase())),
      // A missing or odd lang is not the user's mistake; parseWebForm falls back to the page language.
      lang: z.enum(WEB_LANGS).optional().catch(undefined),
    })
    .transform(({ website: _website, ...rest }) => rest);
}

export const WebFormSchema = createWebFormSchema();

/** A valid web report. Text fields are trimmed; blank optional fields are absent. */
export interface WebReport {
  judul?: string;
  isi: string;
  lokasi?: string;
  /** The incident's calendar day, YYYY-MM-DD. */
  tanggal?: string;
  kategori?: WebCategoryCode;
  privasi: Privacy;
  nama?: string;
  /** E.164, +628… */
  telepon?: string;
  email?: string;
  /** The idempotency key: one report per rendered form, however often it is sent. */
  nonce: string;
  lang: WebLang;
}

export type ParseWebFormResult =
  | { ok: true; value: WebReport }
  | {
      ok: false;
      /** One message per field, in the requested language. Never mentions the honeypot. */
      errors: WebFormErrors;
      values: WebFormValues;
      /** The hidden field was filled: almost certainly a bot. `errors` may then be empty. */
      honeypot: boolean;
    };

function typedValues(body: Record<string, unknown>): WebFormValues {
  const values: WebFormValues = {};
  for (const field of WEB_FORM_FIELDS) {
    const v = body[field];
    // The honeypot is never echoed back: a bot would learn nothing, a person would see a filled hidden field.
    if (field !== 'website' && typeof v === 'string') values[field] = v;
  }
  return values;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFormField(key: PropertyKey | undefined): key is WebFormField {
  return typeof key === 'string' && (WEB_FORM_FIELDS as readonly string[]).includes(key);
}

export interface ParseWebFormOptions {
  /** The current time, for tests; the date field may not be later than today. */
  now?: Date;
}

/** Validates a POST /lapor body. `lang` is the language of the error messages and the fallback for `value.lang`. */
export function parseWebForm(body: unknown, lang: WebLang, options: ParseWebFormOptions = {}): ParseWebFormResult {
  const input = isRecord(body) ? body : {};
  const { now } = options;
  const schema = now ? createWebFormSchema(() => now) : WebFormSchema;
  const result = schema.safeParse(input);
  if (result.success) {
    return { ok: true, value: { ...result.data, lang: result.data.lang ?? lang } };
  }

  const errors: WebFormErrors = {};
  let honeypot = false;
  for (const issue of result.error.issues) {
    if (issue.message === HONEYPOT) {
      honeypot = true;
      continue;
    }
    const field = issue.path[0];
    // The first problem is the one to fix first; later ones often follow from it.
    if (!isFormField(field) || errors[field] !== undefined) continue;
    errors[field] = MESSAGES[isMessageKey(issue.message) ? issue.message : 'invalid'][lang];
  }
  return { ok: false, errors, values: typedValues(input), honeypot };
}

/**
 * The form's fields in the shape the core takes. A calendar day has no instant; midnight WIB is
 * chosen because it falls on that same day in every Indonesian time zone.
 */
export function toReportFields(report: WebReport): ReportFields {
  return {
    title: report.judul,
    location: report.lokasi,
    category: report.kategori,
    occurredAt: report.tanggal === undefined ? undefined : new Date(`${report.tanggal}T00:00:00+07:00`),
    privacy: report.privasi,
    language: report.lang,
  };
}
